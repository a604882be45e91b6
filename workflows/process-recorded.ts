import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { processRecordedUpdate } from '../libs/policy/messages.js';
import { unauthenticated, type UpdateStamps } from './update-stamps.js';

/**
 * Answers processRecordedUpdate, which the API sends with the start (update-with-start), once the
 * process's first events are committed: the POST answers from the read model right after, with no
 * polling. The same Update sent again (a retried POST under its Idempotency-Key, USE_EXISTING) is
 * answered at once. Stamped like every Update: the validator refuses an unauthenticated or replayed
 * copy; a refusal leaves no history.
 */
export function answerWhenRecorded(stamps: UpdateStamps): { recorded: () => void } {
  let recorded = false;
  setHandler(
    processRecordedUpdate,
    async (args) => {
      stamps.remember(args);
      await condition(() => recorded);
      return { recorded: true as const };
    },
    {
      validator: (args) => {
        const refused = unauthenticated(args) ?? stamps.check(args);
        if (refused) throw ApplicationFailure.create({ type: refused.code, message: refused.message, nonRetryable: true });
      },
    },
  );
  return {
    recorded: () => {
      recorded = true;
    },
  };
}
