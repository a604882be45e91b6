import { assessmentKind, rate } from './assessment.js';

describe('assessment kinds and rates (policy preamble)', () => {
  it('names each task by the required item it is', () => {
    expect(assessmentKind('onboarding', 'agreement')).toBe('onboarding_step');
    expect(assessmentKind('offboarding', 'it_action')).toBe('offboarding_step');
    expect(assessmentKind('offboarding', 'handover')).toBe('offboarding_step');
    for (const k of ['return_item', 'virus_check', 'signoff', 'quarantine_disposal', 'quarantine_review']) expect(assessmentKind('offboarding', k)).toBe('return_item');
    expect(assessmentKind('access_request', 'approval')).toBe('approval');
    expect(assessmentKind('access_request', 'it_action')).toBe('approval');
    expect(assessmentKind('account_change', 'approval')).toBe('approval');
    expect(assessmentKind('duty', 'power_off_check')).toBe('duty');
    expect(assessmentKind('duty', 'notes_handin')).toBe('note_handin');
    expect(assessmentKind('duty', 'notes_receipt')).toBe('note_handin');
    expect(assessmentKind('hazard', 'hazard_fix')).toBe('hazard_fix');
    expect(assessmentKind('something_new', 'approval')).toBe('other');
  });

  it('rates are shares of the settled items, four decimals, none when nothing is settled', () => {
    expect(rate(5, 9)).toBe(0.5556);
    expect(rate(0, 3)).toBe(0);
    expect(rate(0, 0)).toBeNull();
  });
});
