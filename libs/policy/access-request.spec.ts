import { checkAccessDuration, DEFAULT_ACCESS_SETTINGS } from './access-request.js';
import { days, hours } from './durations.js';

describe('access windows', () => {
  it('SYS-1: a window lasts at least one hour and at most the kind\'s maximum', () => {
    expect(checkAccessDuration('external_network', hours(1), DEFAULT_ACCESS_SETTINGS)).toBeNull();
    expect(checkAccessDuration('external_network', hours(1) - 1, DEFAULT_ACCESS_SETTINGS)).toBe('the duration must be at least one hour');
    expect(checkAccessDuration('external_network', days(91), DEFAULT_ACCESS_SETTINGS)).toMatch(/may not exceed 90 days/);
  });

  it('takes a shorter minimum only from settings that carry one (the benchmark\'s)', () => {
    const settings = { ...DEFAULT_ACCESS_SETTINGS, minDurationMs: 15_000 };
    expect(checkAccessDuration('external_network', 15_000, settings)).toBeNull();
    expect(checkAccessDuration('external_network', 14_999, settings)).toBe('the duration must be at least 15 seconds');
  });
});
