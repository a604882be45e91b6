import { durationMs, type AppConfig } from '../../../../libs/config/config.js';
import { DEFAULT_OFFBOARDING_SETTINGS, type AccessSettings, type AccountChangeSettings, type OffboardingSettings, type OnboardingSettings } from '../../../../libs/policy/index.js';

export interface ProcessSettings {
  access: AccessSettings;
  onboarding: OnboardingSettings;
  offboarding: OffboardingSettings;
  accountChange: AccountChangeSettings;
}

/** The configured timings, copied into each workflow's input when it starts (so it keeps them). */
export function processSettings(c: AppConfig): ProcessSettings {
  return {
    access: {
      maxDurationMs: {
        external_network: durationMs(c.ACCESS_MAX_EXTERNAL_NETWORK),
        special_agent_id: durationMs(c.ACCESS_MAX_SPECIAL_AGENT_ID),
        usb_media: durationMs(c.ACCESS_MAX_USB_MEDIA),
      },
      reminderBeforeMs: durationMs(c.ACCESS_REMINDER_BEFORE),
      stageDueMs: durationMs(c.ACCESS_STAGE_DUE),
      stageDeadlineMs: durationMs(c.ACCESS_STAGE_DEADLINE),
    },
    onboarding: {
      agreementEscalateAfterMs: durationMs(c.AGREEMENT_ESCALATE_AFTER),
      agreementDeadlineMs: durationMs(c.AGREEMENT_DEADLINE),
      taskDueMs: durationMs(c.TASK_DUE),
    },
    offboarding: { ...DEFAULT_OFFBOARDING_SETTINGS, itemDueMs: durationMs(c.RETURN_ITEM_DUE), signoffDueMs: durationMs(c.TASK_DUE) },
    accountChange: { dueMs: durationMs(c.TASK_DUE), deadlineMs: durationMs(c.ACCOUNT_CHANGE_DEADLINE) },
  };
}
