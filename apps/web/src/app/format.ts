import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './session.js';

/** A header badge's number: "999+" beyond three digits (the inbox count stops at 1,000 anyway). */
export const badgeText = (n: number): string => (n > 999 ? '999+' : String(n));

/**
 * Times are stored and sent in UTC; people see them in their own time zone (from /api/me, default
 * Asia/Shanghai) and language, via Intl.DateTimeFormat.
 */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const { timeZone } = useSession();
  return useMemo(() => {
    const dt = new Intl.DateTimeFormat(i18n.language, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    const d = new Intl.DateTimeFormat(i18n.language, { timeZone, dateStyle: 'medium' });
    const num = new Intl.NumberFormat(i18n.language);

    /** "2 h 5 min" style, from the catalogs. */
    const duration = (ms: number): string => {
      const minutes = Math.max(0, Math.round(ms / 60_000));
      const days = Math.floor(minutes / 1440);
      const hours = Math.floor((minutes % 1440) / 60);
      const mins = minutes % 60;
      if (days > 0) return hours > 0 ? t('time.daysHours', { days, hours }) : t('time.days', { days });
      if (hours > 0) return mins > 0 ? t('time.hoursMinutes', { hours, minutes: mins }) : t('time.hours', { hours });
      return t('time.minutes', { minutes: mins });
    };

    return {
      timeZone,
      dateTime: (iso: string | null | undefined) => (iso ? dt.format(new Date(iso)) : t('common.none')),
      date: (iso: string | null | undefined) => (iso ? d.format(new Date(iso)) : t('common.none')),
      duration,
      /** A list's total: "1,000+" when the API stopped counting there (totalCapped). */
      count: (n: number, capped?: boolean) => (capped ? `${num.format(n)}+` : num.format(n)),
      /** "in 2 h 5 min" / "3 min ago" relative to now. */
      relative: (iso: string | null | undefined, now: number): string => {
        if (!iso) return t('common.none');
        const diff = new Date(iso).getTime() - now;
        return diff >= 0 ? t('time.in', { duration: duration(diff) }) : t('time.ago', { duration: duration(-diff) });
      },
    };
  }, [t, i18n.language, timeZone]);
}
