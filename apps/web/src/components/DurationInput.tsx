import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export type DurationUnit = 'minutes' | 'hours' | 'days';
const FACTOR: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1440 };
export const toMinutes = (amount: number, unit: DurationUnit) => Math.round(amount * FACTOR[unit]);

interface Props {
  amount: string;
  unit: DurationUnit;
  onAmount: (v: string) => void;
  onUnit: (v: DurationUnit) => void;
}

/** "How long": a number and a unit, grouped under one legend for screen readers. */
export function DurationInput({ amount, unit, onAmount, onUnit }: Props) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="duration">
      <legend>{t('requests.duration')}</legend>
      <div className="row">
        <label htmlFor={`${id}-n`} className="visually-hidden">
          {t('requests.durationAmount')}
        </label>
        <input id={`${id}-n`} name="durationAmount" type="number" inputMode="numeric" min={1} step={1} required value={amount} onChange={(e) => onAmount(e.target.value)} />
        <label htmlFor={`${id}-u`} className="visually-hidden">
          {t('requests.durationUnit')}
        </label>
        <select id={`${id}-u`} name="durationUnit" value={unit} onChange={(e) => onUnit(e.target.value as DurationUnit)}>
          <option value="minutes">{t('time.unitMinutes')}</option>
          <option value="hours">{t('time.unitHours')}</option>
          <option value="days">{t('time.unitDays')}</option>
        </select>
      </div>
      <p className="hint">{t('requests.durationHint')}</p>
    </fieldset>
  );
}
