import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { DECISION_TOKEN_PATTERN } from '../../../../../libs/policy/decision-links.js';

export class RedeemDecisionLinkDto {
  @ApiProperty({ description: 'The token from the mail link `/d/<token>`: `<link id>.<signature>`.', example: '0f8e4c1a-6b2d-8e3f-9a1b-2c3d4e5f6a7b.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCd' })
  @IsString()
  @MaxLength(100)
  @Matches(DECISION_TOKEN_PATTERN, { message: 'token must be the one from the mail link (<link id>.<signature>)' })
  token!: string;
}

export class RedeemedDecisionLinkDto {
  @ApiProperty({ format: 'uuid', description: 'The task the link leads to; the web app opens its page, where the person decides.' }) taskId!: string;
  @ApiProperty({ example: '/inbox/0f8e4c1a-6b2d-4e3f-9a1b-2c3d4e5f6a7b', description: 'The web page of the task.' }) path!: string;
}
