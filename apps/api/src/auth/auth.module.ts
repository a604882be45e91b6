import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { requireSetting, type AppConfig } from '../../../../libs/config/config.js';
import { CONFIG } from '../core/tokens.js';
import { AuthController, MeController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { MeService } from './me.service.js';

/** Login, tokens, /api/me and the global deny-by-default guard. JWT_SECRET is required at boot. */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject made once: given the string, jsonwebtoken tries to parse it as a public key (and
        // throws) and then builds a secret key on every sign and every verification of every request.
        secret: createSecretKey(Buffer.from(requireSetting(config, 'JWT_SECRET'))),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, MeController],
  providers: [AuthService, MeService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
