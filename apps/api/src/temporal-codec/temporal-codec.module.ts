import { Module, type INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../../../../libs/config/config.js';
import { TemporalCodecController } from './temporal-codec.controller.js';
import { TemporalCodecService } from './temporal-codec.service.js';

@Module({ controllers: [TemporalCodecController], providers: [TemporalCodecService] })
export class TemporalCodecModule {}

/**
 * CORS for the codec endpoint only, and only for the Temporal Web UI's origin (TEMPORAL_UI_ORIGIN): the
 * UI calls it from the operator's browser. The preflight is answered here, before the global guard
 * (which would want a token the browser does not send on OPTIONS); the POST itself still needs one.
 */
export function mountTemporalCodecCors(app: INestApplication, config: AppConfig): void {
  const allowed = config.TEMPORAL_UI_ORIGIN?.replace(/\/$/, '');
  app.use('/api/temporal-codec', (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    const ok = allowed !== undefined && origin === allowed;
    if (ok) {
      res.setHeader('Access-Control-Allow-Origin', allowed);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    res.setHeader('Vary', 'Origin');
    if (req.method !== 'OPTIONS') return next();
    if (ok) {
      res.setHeader('Access-Control-Allow-Methods', 'POST');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.status(204).end();
  });
}
