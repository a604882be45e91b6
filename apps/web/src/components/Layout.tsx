import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission, Role } from '../api/index.js';
import { badgeText } from '../app/format.js';
import { useInboxCount } from '../app/inbox-count.js';
import { useNotificationCount } from '../app/notification-count.js';
import { Link, useLocation } from '../app/router.js';
import { useSession } from '../app/session.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** Who sees which section. The API decides what they may do; the nav only avoids dead ends. */
/**
 * Who sees which section: a permission of the server's table where a route rule guards the section,
 * otherwise the roles whose tasks or requests it shows. The API decides what they may do; the nav only
 * avoids dead ends.
 */
export const SECTIONS: { path: string; label: (t: TFunction) => string; roles?: Role[]; permission?: Permission }[] = [
  { path: '/', label: (t) => t('nav.home') },
  { path: '/inbox', label: (t) => t('nav.inbox') },
  { path: '/requests', label: (t) => t('nav.requests'), roles: ['employee', 'supervisor', 'leadership', 'it', 'cc_manager', 'site_manager', 'id_admin', 'hr', 'security'] },
  { path: '/hr', label: (t) => t('nav.hr'), permission: 'onboarding.start' },
  { path: '/returns', label: (t) => t('nav.returns'), roles: ['site_manager', 'cc_manager'] },
  { path: '/it', label: (t) => t('nav.it'), permission: 'enforcement.reconcile' },
  { path: '/audit', label: (t) => t('nav.audit'), permission: 'audit.read' },
  { path: '/calendar', label: (t) => t('nav.calendar'), permission: 'calendar.manage' },
  { path: '/duties', label: (t) => t('nav.duties'), permission: 'duties.read' },
  { path: '/visitors', label: (t) => t('nav.visitors'), permission: 'visitors.read' },
  // EQ-4: everyone reports hazards (the auditor only reads them), so the section is everyone's.
  { path: '/hazards', label: (t) => t('nav.hazards') },
  { path: '/responsibilities', label: (t) => t('nav.responsibilities'), permission: 'responsibilities.read' },
  // Policy preamble: everyone reads their own assessment; supervisors their departments, the manager and the auditor all.
  { path: '/assessment', label: (t) => t('nav.assessment'), permission: 'assessment.read' },
  // INF-6: the machine-room computers and the lending register of machine-room media.
  { path: '/computers', label: (t) => t('nav.computers'), permission: 'computers.read' },
  { path: '/media', label: (t) => t('nav.media'), permission: 'media.read' },
];

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, has, can, signOut } = useSession();
  const { path } = useLocation();
  const { count } = useInboxCount();
  const { count: unread } = useNotificationCount();
  const visible = SECTIONS.filter((s) => (s.permission ? can(s.permission) : s.roles ? has(...s.roles) : true));
  const current = (p: string) => (p === '/' ? path === '/' : path === p || path.startsWith(`${p}/`));

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <div className="brand">
          <Link to="/">{t('app.name')}</Link>
          <span className="muted brand-tag">{t('app.tagline')}</span>
        </div>
        <div className="top-right">
          {/* Everyone has notifications (to them or to their roles): the bell is in the header, not a section. */}
          <Link to="/notifications" className="bell" data-testid="notifications-link" aria-current={path === '/notifications' ? 'page' : undefined}>
            {/* Drawn, not an emoji: machines without an emoji font showed a blank box. */}
            <svg className="bell-icon" aria-hidden="true" viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
              <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
              <path d="M13.7 21a2 2 0 0 1-3.4 0" />
            </svg>
            {t('nav.notifications')}
            {unread !== null && unread > 0 && (
              <span className="count" data-testid="notification-count" aria-label={t('nav.notificationCount', { count: unread })}>
                {badgeText(unread)}
              </span>
            )}
          </Link>
          <LanguageSwitch />
          <span className="who" data-testid="who">
            {me?.displayName}
          </span>
          <button type="button" className="link-button" onClick={signOut}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <nav className="main-nav" aria-label={t('nav.label')}>
        <ul>
          {visible.map((s) => (
            <li key={s.path}>
              <Link to={s.path} aria-current={current(s.path) ? 'page' : undefined}>
                {s.label(t)}
                {s.path === '/inbox' && count !== null && count > 0 && (
                  <span className="count" data-testid="inbox-count" aria-label={t('nav.inboxCount', { count, shown: badgeText(count) })}>
                    {badgeText(count)}
                  </span>
                )}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main">{children}</main>
    </>
  );
}
