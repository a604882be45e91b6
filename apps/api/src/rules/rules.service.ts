import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CURRENT_RULES_VERSION } from '../../../../libs/domain/onboarding/rules.js';
import { rulesStandings } from '../../../../libs/read-models/rules-acknowledgements.js';
import type { RulesStandingListDto, RulesStandingQueryDto } from './dto/rules.dto.js';

/** EQ-5, SYS-3, SYS-4, AID-1: who acknowledged the rules, when next, and whose acknowledgement is overdue. Company-wide readers only. */
@Injectable()
export class RulesService {
  constructor(private readonly ds: DataSource) {}

  async standings(q: RulesStandingQueryDto): Promise<RulesStandingListDto> {
    const rows = await rulesStandings(this.ds, CURRENT_RULES_VERSION, new Date(), { overdueOnly: q.overdue });
    return {
      currentVersion: CURRENT_RULES_VERSION,
      items: rows.map((r) => ({
        employeeId: r.employee_id, fullName: r.full_name, departmentId: r.department_id, standing: r.standing, version: r.version, textHash: r.text_hash,
        acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null, nextDueAt: r.next_due_at ? new Date(r.next_due_at).toISOString() : null,
      })),
    };
  }
}
