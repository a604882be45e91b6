import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, openCodecSession, temporalWorkflowUrl } from '../api/index.js';
import { useFormat } from '../app/format.js';
import { useSession } from '../app/session.js';
import { errorText, statusLabel } from '../i18n/labels.js';

/**
 * The page heading. It takes focus when the page changes, so keyboard and screen-reader users start
 * at the new content (focus order), and it names the browser tab. A form page whose first field takes
 * focus instead passes focus={false}.
 */
export function PageTitle({ children, title, focus = true }: { children: ReactNode; title: string; focus?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

/** A failed call: what it means in the reader's language, and the server's detail underneath. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const detail = error instanceof ApiError ? [error.message, ...error.errors].filter((m, i, all) => m && all.indexOf(m) === i) : [];
  return (
    <div className="alert alert-error" role="alert">
      <p>
        <strong>{errorText(t, error)}</strong>
      </p>
      {detail.length > 0 && (
        <details>
          <summary>{t('error.details')}</summary>
          <ul lang="en">
            {detail.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          {error instanceof ApiError && error.requestId && <p className="muted">{t('error.requestId', { id: error.requestId })}</p>}
        </details>
      )}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-ok" role="status">
      {children}
    </div>
  );
}

/** Shown instead of an empty list: what this place is for and what to do next. */
export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {hint && <p className="muted">{hint}</p>}
      {action}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status" aria-live="polite" data-loading>
      {t('common.loading')}
    </p>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{statusLabel(t, status)}</span>;
}

/** A time in the user's zone, with the exact UTC instant for machines and hover. */
export function Time({ iso }: { iso: string | null | undefined }) {
  const f = useFormat();
  if (!iso) return <span>{f.dateTime(iso)}</span>;
  return (
    <time dateTime={iso} title={`${iso} (UTC)`}>
      {f.dateTime(iso)}
    </time>
  );
}

/*
 * Who runs and looks into the system itself. An agent or an approver has no use for the workflow
 * engine's own UI (and no account there): the link would only puzzle them.
 */
const OPERATORS = ['it', 'cc_manager', 'security', 'auditor'] as const;

/** For operators: the process's workflow in the Temporal Web UI. Hidden when no UI is configured. */
export function WorkflowLink({ workflowId }: { workflowId: string }) {
  const { t } = useTranslation();
  const { config, has, can } = useSession();
  const url = temporalWorkflowUrl(config, workflowId);
  if (!url || !has(...OPERATORS)) return null;
  // IT and the auditor may read the encrypted payloads there: the codec endpoint gets a cookie for them.
  const decode = can('temporalCodec.decode') ? () => void openCodecSession().catch(() => undefined) : undefined;
  return (
    <a className="workflow-link" href={url} target="_blank" rel="noreferrer noopener" onClick={decode}>
      {t('common.openWorkflow')}
      <span className="visually-hidden"> {t('common.opensNewTab')}</span>
    </a>
  );
}

interface FieldProps {
  label: string;
  hint?: string;
  children: (props: { id: string; 'aria-describedby'?: string }) => ReactNode;
}

/** A labelled form control with an optional hint tied to it by aria-describedby. */
export function Field({ label, hint, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': hint ? hintId : undefined })}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
