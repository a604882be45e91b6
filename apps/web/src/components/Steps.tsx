import { useTranslation } from 'react-i18next';
import type { ProcessView, StepEntry } from '../api/index.js';
import { statusLabel, stepLabel } from '../i18n/labels.js';
import { Time } from './common.js';

/** The steps each process's timeline records, in order (workflows/onboarding, offboarding). */
export const PROCESS_STEPS = {
  onboarding: ['agreement', 'agent_id', 'it_setup', 'fire_safety', 'active'],
  offboarding: ['access_revoked', 'return_checklist', 'agent_id_retired', 'left'],
} as const;
export type ProcessName = keyof typeof PROCESS_STEPS;

type Row = { step: string; state: StepEntry['state'] | 'running' | 'pending'; entry: StepEntry | null };

/**
 * Each expected step with its latest timeline entry. A finished process's final stage counts as done
 * (it is the process's end, not a step of its own), and while it runs, the first step not yet done is
 * the one under way.
 */
function rows(process: ProcessName, view: Pick<ProcessView, 'steps' | 'state' | 'stage' | 'endedAt'>): Row[] {
  const latest = new Map<string, StepEntry>();
  for (const e of view.steps) latest.set(e.step, e);
  if (view.state === 'completed' && !latest.has(view.stage) && view.endedAt) latest.set(view.stage, { step: view.stage, state: 'completed', at: view.endedAt, by: null, byName: null });
  let underWay = view.state === 'running';
  return PROCESS_STEPS[process].map((step) => {
    const entry = latest.get(step) ?? null;
    if (entry) return { step, state: entry.state, entry };
    const state = underWay ? 'running' : 'pending';
    underWay = false;
    return { step, state, entry };
  });
}

type Props = { process: ProcessName; view: Pick<ProcessView, 'steps' | 'state' | 'stage' | 'endedAt'> };

/** A process's progress: a bar and "3 of 5 steps". */
export function Progress({ process, view }: Props) {
  const { t } = useTranslation();
  const all = rows(process, view);
  const done = all.filter((r) => r.state === 'completed' || r.state === 'skipped').length;
  const text = t('process.progress', { done, total: all.length });
  return (
    <span className="progress">
      <progress value={done} max={all.length} aria-label={text} />
      <span>{text}</span>
    </span>
  );
}

/**
 * Every step in order: done (when, by whom), under way, or still to come. Who is the name the API
 * resolved; an actor that is no user (none today) would show as recorded.
 */
export function StepList({ process, view }: Props) {
  const { t } = useTranslation();
  return (
    <ol className="steps">
      {rows(process, view).map(({ step, state, entry }) => (
        <li key={step} className={`step step-${state}`}>
          <span className="step-name">{stepLabel(t, step)}</span>
          <span className={`badge status-${state}`}>{statusLabel(t, state)}</span>
          {entry && <Time iso={entry.at} />}
          {entry?.by && <span className="muted">{t('timeline.by', { name: entry.byName ?? entry.by })}</span>}
        </li>
      ))}
    </ol>
  );
}
