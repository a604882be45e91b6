import 'reflect-metadata';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../../../libs/config/config.js';
import { AppModule } from './app.module.js';
import { serveWebApp } from './web/serve-web.js';
import { mountTemporalCodecCors } from './temporal-codec/temporal-codec.module.js';
import { validationPipeOptions } from './common/validation.js';
import { hardenHttp } from './common/http-hardening.js';

/** Builds the HTTP application; main.ts listens, the end-to-end tests call the same function. */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // X-Forwarded-For only from the configured gateways (TRUST_PROXY); by default from nobody.
  app.set('trust proxy', config.TRUST_PROXY ?? false);
  app.setGlobalPrefix('api', { exclude: ['health', 'health/ready'] });
  app.useGlobalPipes(new ValidationPipe(validationPipeOptions));
  hardenHttp(app); // security headers, body limits: before the web app and the routes
  mountTemporalCodecCors(app, config);
  app.enableShutdownHooks();
  serveWebApp(app);

  const doc = new DocumentBuilder()
    .setTitle('Custodian API')
    .setDescription('Call-center security policy as durable workflows. Clause ids refer to docs/policy.md.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
