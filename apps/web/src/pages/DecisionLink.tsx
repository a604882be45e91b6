import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as api from '../api/index.js';
import { ApiError } from '../api/index.js';
import { Link, navigate } from '../app/router.js';
import { ErrorMessage, Loading, PageTitle } from '../components/common.js';
import { tk } from '../i18n/index.js';

/** Why a link leads nowhere, in the person's words (the API's details.reason, or its code). */
const REASONS: Record<string, string> = {
  used: tk('decisionLink.used'),
  expired: tk('decisionLink.expired'),
  closed: tk('decisionLink.closed'),
  not_yours: tk('decisionLink.notYours'),
  other_person: tk('decisionLink.otherPerson'),
  NOT_FOUND: tk('decisionLink.invalid'),
  VALIDATION_FAILED: tk('decisionLink.invalid'),
  SEPARATION_OF_DUTIES: tk('decisionLink.separation'),
};

function reasonOf(e: unknown): string | null {
  if (!(e instanceof ApiError)) return null;
  const reason = typeof e.details?.reason === 'string' ? e.details.reason : e.code;
  return REASONS[reason] ?? null;
}

/**
 * `/d/<token>`: a task mail's decision link. Signed in (the app asks first, and comes back here), the
 * page redeems the token once and opens the task's own page, where the person decides as in the inbox;
 * the link itself decides nothing. A link used, expired, sent to someone else or no longer leading to a
 * task of theirs shows why, with the way to the inbox.
 */
export function DecisionLink({ token }: { token: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(false);
  useEffect(() => {
    // Once per page: the token works once, so a second request would only be refused.
    if (asked.current) return;
    asked.current = true;
    api.redeemDecisionLink(token).then(
      (r) => navigate(r.path, { replace: true }),
      (e: unknown) => setError(e),
    );
  }, [token]);
  if (!error) return <Loading />;
  const reason = reasonOf(error);
  return (
    <>
      <PageTitle title={t('decisionLink.title')}>{t('decisionLink.title')}</PageTitle>
      <section className="card" data-testid="decision-link-refused">
        {reason ? (
          <p className="alert alert-error" role="alert">
            {t(reason)}
          </p>
        ) : (
          <ErrorMessage error={error} />
        )}
        <p>
          <Link to="/inbox">{t('decisionLink.toInbox')}</Link>
        </p>
      </section>
    </>
  );
}
