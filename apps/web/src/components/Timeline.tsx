import { useTranslation } from 'react-i18next';
import type { Decision, TimelineEntry } from '../api/index.js';
import { outcomeLabel, stepLabel } from '../i18n/labels.js';
import { EmptyState, Time } from './common.js';

type Entry = TimelineEntry | Decision;
const what = (e: Entry) => ('type' in e ? e.type : e.outcome);

/** Who decided what, when: the history of a request or a task, oldest first. */
export function Timeline({ entries }: { entries: Entry[] | undefined }) {
  const { t } = useTranslation();
  if (!entries?.length) return <EmptyState title={t('timeline.empty')} />;
  return (
    <ol className="timeline">
      {entries.map((e, i) => (
        <li key={i}>
          <Time iso={e.at} />
          <span className="timeline-what">
            <strong>{outcomeLabel(t, what(e))}</strong>
            {e.stage && <> · {stepLabel(t, e.stage)}</>}
            {e.actorName && <> · {t('timeline.by', { name: e.actorName })}</>}
          </span>
          {e.comment && <q className="timeline-comment">{e.comment}</q>}
        </li>
      ))}
    </ol>
  );
}
