import { useTranslation } from 'react-i18next';
import type { ProcessStep } from '../api/index.js';
import { stepLabel } from '../i18n/labels.js';
import { StatusBadge, Time } from './common.js';

export const stepsDone = (steps: ProcessStep[]) => steps.filter((s) => s.status === 'done').length;

/** A process's progress: a bar ("3 of 6 steps") and, in full, each step with its state and time. */
export function Progress({ steps }: { steps: ProcessStep[] }) {
  const { t } = useTranslation();
  const done = stepsDone(steps);
  const text = t('process.progress', { done, total: steps.length });
  return (
    <span className="progress">
      <progress value={done} max={Math.max(steps.length, 1)} aria-label={text} />
      <span>{text}</span>
    </span>
  );
}

export function StepList({ steps }: { steps: ProcessStep[] }) {
  const { t } = useTranslation();
  return (
    <ol className="steps">
      {steps.map((s) => (
        <li key={s.name} className={`step step-${s.status}`}>
          <span className="step-name">{stepLabel(t, s.name)}</span>
          <StatusBadge status={s.status} />
          {s.at && <Time iso={s.at} />}
          {s.actorName && <span className="muted">{t('timeline.by', { name: s.actorName })}</span>}
        </li>
      ))}
    </ol>
  );
}
