import { ApiProperty } from '@nestjs/swagger';
import { ACCESS_KINDS } from '../../../../libs/policy/access-request.js';

export class WebhookDeliveryDto {
  @ApiProperty({ description: 'The webhook-id header: the same on every try and on a redelivery.' }) id!: string;
  @ApiProperty({ enum: ACCESS_KINDS }) kind!: string;
  @ApiProperty({ enum: ['grant.enabled', 'grant.ended'] }) type!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null on a delivery still being retried (see its requestId).' }) grantId!: string | null;
  @ApiProperty({ enum: ['dead_lettered', 'delivered', 'retrying'] }) status!: string;
  @ApiProperty({ description: 'Tries so far (Temporal retries with exponential back-off up to WEBHOOK_MAX_ATTEMPTS).' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String, description: 'The last failure: the HTTP status or the kind of network error (never the URL or a secret).' }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String }) at!: string | null;
}

export class WebhookListDto {
  @ApiProperty({ type: WebhookDeliveryDto, isArray: true, description: 'Deliveries that failed every try, oldest first: send them again once the receiver is fixed.' }) deadLettered!: WebhookDeliveryDto[];
  @ApiProperty({ type: WebhookDeliveryDto, isArray: true, description: 'Deliveries Temporal is still retrying, with their last error.' }) retrying!: WebhookDeliveryDto[];
}

export class RedeliveryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['redelivering'] }) status!: 'redelivering';
}
