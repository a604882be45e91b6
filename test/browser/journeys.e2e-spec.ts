import { accountChangeJourney } from './journeys/account-change.journey.js';
import { externalNetworkJourney } from './journeys/external-network.journey.js';
import { offboardingJourney } from './journeys/offboarding.journey.js';
import { onboardingJourney } from './journeys/onboarding.journey.js';
import { startJourneySystem, type JourneySystem } from './journeys/system.js';
import type { Lang } from './support.js';

/**
 * The people's journeys through the web app in headless Chromium against the whole system (API, worker, time-skipping
 * Temporal), each person in a browser context of their own, in both languages. The journeys themselves
 * are in journeys/*.journey.ts; the supervisor's inbox is saved as test-results/journey-inbox-<lang>.png.
 */
describe('browser journeys', () => {
  let sys: JourneySystem;
  beforeAll(async () => {
    sys = await startJourneySystem();
  }, 120_000);
  afterAll(async () => sys?.close());

  it.each(['zh-CN', 'en'] as Lang[])('SYS-1: an external-network request from sign-in to automatic expiry, by agent, supervisor, leader and IT in four browsers (%s)', async (lang) => {
    expect((await externalNetworkJourney(sys, lang)).untranslated).toEqual([]);
  }, 180_000);

  // In English here; the external-network journey covers both languages (the suite stays lean).
  it('INF-10, AID-1, SYS-2, EQ-3: an onboarding started by HR and finished by the new agent (en)', async () => {
    expect((await onboardingJourney(sys, 'en', { fullName: 'Mei Chen 陈梅', username: 'newhire1', password: 'first-password-1' })).untranslated).toEqual([]);
  }, 180_000);

  it('INF-13: an offboarding: HR starts it, the on-site manager settles the checklist, a missing item is signed off (zh-CN)', async () => {
    expect((await offboardingJourney(sys, 'zh-CN', { username: 'agent2', fullName: 'Bo Wang 王博' })).untranslated).toEqual([]);
  }, 180_000);

  it.each(['zh-CN', 'en'] as Lang[])('INF-9 four eyes: a privileged account waits in the call-center manager inbox, titled in both languages, and is approved there (%s)', async (lang) => {
    expect((await accountChangeJourney(sys, lang, `guard-${lang.toLowerCase()}`)).untranslated).toEqual([]);
  }, 120_000);
});
