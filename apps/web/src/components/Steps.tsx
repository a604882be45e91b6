import { useTranslation } from 'react-i18next';
import type { StepEntry } from '../api/index.js';
import { statusLabel, stepLabel } from '../i18n/labels.js';
import { Time } from './common.js';

/** The steps each process goes through, in order (libs/contracts: ONBOARDING_STEPS, OFFBOARDING_STEPS). */
export const PROCESS_STEPS = {
  onboarding: ['created', 'agreement', 'agent_id', 'it_setup', 'fire_safety', 'active'],
  offboarding: ['access_revoked', 'return_checklist', 'agent_id_retired', 'left'],
} as const;
export type ProcessName = keyof typeof PROCESS_STEPS;

/** Each expected step with its latest timeline entry, if it has one yet. */
function merge(process: ProcessName, entries: StepEntry[]) {
  const latest = new Map<string, StepEntry>();
  for (const e of entries) latest.set(e.step, e);
  return PROCESS_STEPS[process].map((step) => ({ step, entry: latest.get(step) ?? null }));
}

/** A process's progress: a bar and "3 of 6 steps". */
export function Progress({ process, steps }: { process: ProcessName; steps: StepEntry[] }) {
  const { t } = useTranslation();
  const rows = merge(process, steps);
  const done = rows.filter((r) => r.entry?.state === 'completed' || r.entry?.state === 'skipped').length;
  const text = t('process.progress', { done, total: rows.length });
  return (
    <span className="progress">
      <progress value={done} max={rows.length} aria-label={text} />
      <span>{text}</span>
    </span>
  );
}

/** Every step in order: done (when, by whom), under way, or still to come. */
export function StepList({ process, steps, names }: { process: ProcessName; steps: StepEntry[]; names: (id: string | null) => string | null }) {
  const { t } = useTranslation();
  return (
    <ol className="steps">
      {merge(process, steps).map(({ step, entry }) => (
        <li key={step} className={`step step-${entry?.state ?? 'pending'}`}>
          <span className="step-name">{stepLabel(t, step)}</span>
          <span className={`badge status-${entry?.state ?? 'pending'}`}>{statusLabel(t, entry?.state ?? 'pending')}</span>
          {entry && <Time iso={entry.at} />}
          {entry?.by && <span className="muted">{t('timeline.by', { name: names(entry.by) })}</span>}
        </li>
      ))}
    </ol>
  );
}
