import { Module } from '@nestjs/common';
import { MetricsService } from './metrics.service.js';

/** Prometheus metrics on a listener of their own (METRICS_PORT); the request histogram is mounted by createApiApp. */
@Module({ providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}
