import { useTranslation } from 'react-i18next';
import type { Task } from '../api/index.js';
import { useFormat } from '../app/format.js';
import { useNow } from '../app/hooks.js';
import { Link } from '../app/router.js';
import { bilingual, roleLabel, taskKindLabel } from '../i18n/labels.js';
import { StatusBadge } from './common.js';

export const isOverdue = (task: Task, now: number) => !!task.dueAt && new Date(task.dueAt).getTime() < now;

/** Tasks as a list of links, oldest due first, each saying what it is, for whom, and when it is due. */
export function TaskList({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow(30_000);
  return (
    <ul className="list" data-testid="task-list">
      {tasks.map((task) => {
        const overdue = isOverdue(task, now);
        return (
          <li key={task.id} className={overdue ? 'overdue' : undefined}>
            <Link to={`/inbox/${encodeURIComponent(task.id)}`} className="list-main">
              {bilingual(task.title) || taskKindLabel(t, task.kind)}
            </Link>
            <div className="list-meta">
              <span>{taskKindLabel(t, task.kind)}</span>
              {(task.context.requesterName || task.context.subjectName) && <span>{t('inbox.about', { name: task.context.requesterName ?? task.context.subjectName })}</span>}
              <StatusBadge status={task.status} />
              {task.escalated && <span className="badge status-escalated">{t('inbox.escalated')}</span>}
              <span>{task.assigneeName ? t('inbox.assignedTo', { name: task.assigneeName }) : t('inbox.forRole', { role: roleLabel(t, task.candidateRole) })}</span>
              {task.dueAt && (
                <span className={overdue ? 'danger-text' : undefined}>
                  {overdue ? t('inbox.overdueSince', { when: f.relative(task.dueAt, now) }) : t('inbox.dueIn', { when: f.relative(task.dueAt, now) })}
                </span>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
