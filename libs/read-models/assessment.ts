import type { ReadScope } from '../policy/access.js';
import { rate, type AssessmentItemState, type AssessmentKind, type AssessmentOutcome } from '../policy/assessment.js';
import { Where, type Db } from '../db/sql.js';
import { pageWindow, type Page, type PageRequest } from './paging.js';

/** `departmentId` NO_DEPARTMENT: items of people (or roles) without a department. */
export const NO_DEPARTMENT = 'none';

/** One report's question: the period (due times in [from, to)), the caller's scope and the narrowing asked for. */
export interface AssessmentFilter {
  from: Date;
  to: Date;
  timeZone: string;
  scope: ReadScope;
  departmentId?: string | null;
  personId?: string | null;
  outcome?: AssessmentOutcome | null;
  kind?: AssessmentKind | null;
}

export interface OutcomeCounts {
  onTime: number;
  late: number;
  missed: number;
  open: number;
  total: number;
  /** Shares of the settled items (on time + late + missed); null when none is settled yet. */
  onTimeRate: number | null;
  lateRate: number | null;
  missedRate: number | null;
}
export interface DepartmentAssessment extends OutcomeCounts {
  departmentId: string | null;
  code: string | null;
  name: { en: string; zh: string } | null;
}
export interface PersonAssessment extends OutcomeCounts {
  personId: string | null;
  displayName: string | null;
  username: string | null;
  departmentId: string | null;
}
export interface WeekAssessment extends OutcomeCounts {
  /** The Monday the week starts on, local date. */
  weekStart: string;
}
export interface AssessmentSummary {
  totals: OutcomeCounts;
  departments: DepartmentAssessment[];
  people: PersonAssessment[];
  weeks: WeekAssessment[];
}
export interface AssessmentItemView {
  taskId: string;
  kind: AssessmentKind;
  clauses: string[];
  title: { en: string; zh: string };
  process: string;
  processKey: string;
  step: string;
  personId: string | null;
  personName: string | null;
  departmentId: string | null;
  dueAt: Date;
  doneAt: Date | null;
  doneBy: string | null;
  outcome: AssessmentItemState;
}

/** The WHERE of every report query: the period, cancelled items left out, the caller's scope, the narrowing. */
function where(f: AssessmentFilter): Where {
  const w = new Where();
  w.and(`a.due_at >= ${w.p(f.from)} AND a.due_at < ${w.p(f.to)}`);
  w.and(`a.outcome <> 'cancelled'`);
  // A supervisor: the items of the departments they work in or lead, and their own; anyone else without readAll: their own.
  if (f.scope.kind === 'department') w.and(`a.department_id = ANY(${w.p(f.scope.departmentIds)}::text[]) OR a.person_id = ${w.p(f.scope.userId)}`);
  if (f.scope.kind === 'self') w.and(`a.person_id = ${w.p(f.scope.userId)}`);
  if (f.departmentId === NO_DEPARTMENT) w.and(`a.department_id IS NULL`);
  else if (f.departmentId) w.and(`a.department_id = ${w.p(f.departmentId)}`);
  if (f.personId) w.and(`a.person_id = ${w.p(f.personId)}`);
  if (f.outcome) w.and(`a.outcome = ${w.p(f.outcome)}`);
  if (f.kind) w.and(`a.kind = ${w.p(f.kind)}`);
  return w;
}

const COUNTS = `count(*) FILTER (WHERE a.outcome = 'on_time')::int AS "onTime", count(*) FILTER (WHERE a.outcome = 'late')::int AS late,
                count(*) FILTER (WHERE a.outcome = 'missed')::int AS missed, count(*) FILTER (WHERE a.outcome = 'open')::int AS open, count(*)::int AS total`;

type Counted = Pick<OutcomeCounts, 'onTime' | 'late' | 'missed' | 'open' | 'total'>;
const withRates = <T extends Counted>(r: T): T & OutcomeCounts => {
  const settled = r.onTime + r.late + r.missed;
  return { ...r, onTimeRate: rate(r.onTime, settled), lateRate: rate(r.late, settled), missedRate: rate(r.missed, settled) };
};
const countsOf = (r: Counted): OutcomeCounts => withRates({ onTime: r.onTime, late: r.late, missed: r.missed, open: r.open, total: r.total });

/**
 * The report: counts per department, per person within a department, per local week, and in all, from one
 * pass over the period's items (GROUPING SETS), then the names of the departments and people it found.
 */
export async function assessmentSummary(db: Db, f: AssessmentFilter): Promise<AssessmentSummary> {
  const w = where(f);
  const tz = w.p(f.timeZone);
  const rows: (Counted & { g: number; departmentId: string | null; personId: string | null; weekStart: string | null })[] = await db.query(
    `SELECT GROUPING(a.department_id, a.person_id, week) AS g, a.department_id AS "departmentId", a.person_id AS "personId", week::text AS "weekStart", ${COUNTS}
       FROM assessment_items a CROSS JOIN LATERAL (SELECT date_trunc('week', a.due_at AT TIME ZONE ${tz})::date AS week) k ${w}
      GROUP BY GROUPING SETS ((a.department_id), (a.department_id, a.person_id), (week), ())`,
    w.params,
  );
  // GROUPING bits: department 4, person 2, week 1 (a set bit: not grouped by it).
  const deptRows = rows.filter((r) => r.g === 3);
  const personRows = rows.filter((r) => r.g === 1);
  const weekRows = rows.filter((r) => r.g === 6).sort((a, b) => a.weekStart!.localeCompare(b.weekStart!));
  const total = rows.find((r) => r.g === 7);
  const deptIds = deptRows.map((r) => r.departmentId).filter((d): d is string => d !== null);
  const personIds = personRows.map((r) => r.personId).filter((p): p is string => p !== null);
  const depts: { id: string; code: string; nameEn: string; nameZh: string }[] = deptIds.length
    ? await db.query(`SELECT id::text AS id, code, name_en AS "nameEn", name_zh AS "nameZh" FROM departments WHERE id::text = ANY($1::text[])`, [deptIds])
    : [];
  const people: { id: string; displayName: string; username: string }[] = personIds.length
    ? await db.query(`SELECT id::text AS id, display_name AS "displayName", username FROM users WHERE id::text = ANY($1::text[])`, [[...new Set(personIds)]])
    : [];
  const deptById = new Map(depts.map((d) => [d.id, d]));
  const personById = new Map(people.map((p) => [p.id, p]));
  const byCode = (a: { code: string | null }, b: { code: string | null }) => (a.code ?? '\uffff').localeCompare(b.code ?? '\uffff');
  return {
    totals: total ? countsOf(total) : countsOf({ onTime: 0, late: 0, missed: 0, open: 0, total: 0 }),
    departments: deptRows
      .map((r) => {
        const d = r.departmentId ? deptById.get(r.departmentId) : undefined;
        return { departmentId: r.departmentId, code: d?.code ?? null, name: d ? { en: d.nameEn, zh: d.nameZh } : null, ...countsOf(r) };
      })
      .sort(byCode),
    people: personRows
      .map((r) => {
        const p = r.personId ? personById.get(r.personId) : undefined;
        return { personId: r.personId, displayName: p?.displayName ?? null, username: p?.username ?? null, departmentId: r.departmentId, ...countsOf(r) };
      })
      .sort((a, b) => (a.departmentId ?? '').localeCompare(b.departmentId ?? '') || (a.displayName ?? '\uffff').localeCompare(b.displayName ?? '\uffff') || (a.personId ?? '').localeCompare(b.personId ?? '')),
    weeks: weekRows.map((r) => ({ weekStart: r.weekStart!, ...countsOf(r) })),
  };
}

const ITEM_COLUMNS = `a.task_id::text AS "taskId", a.kind, a.clauses, json_build_object('en', a.title_en, 'zh', a.title_zh) AS title, a.process, a.process_key AS "processKey",
                      a.step, a.person_id AS "personId", u.display_name AS "personName", a.department_id AS "departmentId", a.due_at AS "dueAt",
                      a.done_at AS "doneAt", a.done_by AS "doneBy", a.outcome`;
const ITEM_FROM = `FROM assessment_items a LEFT JOIN users u ON u.id::text = a.person_id`;

/** One page of the period's items (drill-down), by due time. */
export async function assessmentItems(db: Db, f: AssessmentFilter, p: PageRequest): Promise<Page<AssessmentItemView>> {
  const w = where(f);
  const win = pageWindow(p);
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM assessment_items a ${w}`, w.params);
  const items = await db.query(`SELECT ${ITEM_COLUMNS} ${ITEM_FROM} ${w} ORDER BY a.due_at, a.task_id LIMIT ${win.pageSize} OFFSET ${win.offset}`, w.params);
  return { items, total: n, page: win.page, pageSize: win.pageSize };
}

/** Every item of the period in pages (for the exports), walked by due time and id so no row is read twice. */
export async function* assessmentItemPages(db: Db, f: AssessmentFilter, pageSize = 5000): AsyncGenerator<AssessmentItemView[]> {
  let after: { dueAt: Date; taskId: string } | null = null;
  for (;;) {
    const w = where(f);
    if (after) w.and(`(a.due_at, a.task_id) > (${w.p(after.dueAt)}, ${w.p(after.taskId)}::uuid)`);
    const rows: AssessmentItemView[] = await db.query(`SELECT ${ITEM_COLUMNS} ${ITEM_FROM} ${w} ORDER BY a.due_at, a.task_id LIMIT ${pageSize}`, w.params);
    if (rows.length) yield rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1];
  }
}
