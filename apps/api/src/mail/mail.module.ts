import { Module } from '@nestjs/common';
import { MailController } from './mail.controller.js';
import { MailRelayService } from './mail-relay.service.js';
import { MailService } from './mail.service.js';

@Module({ controllers: [MailController], providers: [MailService, MailRelayService] })
export class MailModule {}
