import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { AssessmentItemView, AssessmentSummary, OutcomeCounts } from '../../../../libs/read-models/assessment.js';

/**
 * The assessment report's exports. Headers carry both languages (the files go to people reading either);
 * values are the API's own (ids, ISO times, outcome codes), so a file can be checked against GET /api/assessment.
 */
const COUNT_HEADERS = ['按时 On time', '迟办 Late', '未办 Missed', '未完成 Open', '合计 Total', '按时率 On-time rate', '迟办率 Late rate', '未办率 Missed rate'];
const counts = (c: OutcomeCounts) => [c.onTime, c.late, c.missed, c.open, c.total, c.onTimeRate, c.lateRate, c.missedRate];

/** Excel reads UTF-8 (Chinese names) correctly only with a byte-order mark. */
const BOM = '\ufeff';

export const DEPARTMENT_HEADERS = ['部门编号 Department id', '部门代码 Code', '部门 Department (en)', '部门 Department (zh)', ...COUNT_HEADERS];
export const PEOPLE_HEADERS = ['人员编号 Person id', '用户名 Username', '姓名 Name', '部门编号 Department id', ...COUNT_HEADERS];
export const WEEK_HEADERS = ['周一 Week starting', ...COUNT_HEADERS];
export const ITEM_HEADERS = ['任务 Task id', '类别 Kind', '条款 Clauses', '事项 Item (en)', '事项 Item (zh)', '人员编号 Person id', '姓名 Name', '部门编号 Department id', '截止 Due at', '完成 Done at', '完成人 Done by', '结果 Outcome'];

const departmentRow = (d: AssessmentSummary['departments'][number]) => [d.departmentId ?? '', d.code ?? '', d.name?.en ?? '', d.name?.zh ?? '', ...counts(d)];
const personRow = (p: AssessmentSummary['people'][number]) => [p.personId ?? '', p.username ?? '', p.displayName ?? '', p.departmentId ?? '', ...counts(p)];
const weekRow = (w: AssessmentSummary['weeks'][number]) => [w.weekStart, ...counts(w)];
const itemRow = (i: AssessmentItemView) => [
  i.taskId, i.kind, i.clauses.join(' '), i.title.en, i.title.zh, i.personId ?? '', i.personName ?? '', i.departmentId ?? '',
  i.dueAt.toISOString(), i.doneAt?.toISOString() ?? '', i.doneBy ?? '', i.outcome,
];

/** The CSV: one table of the three summary views, told apart by its first column (department, person, week, total). */
export function assessmentCsv(s: AssessmentSummary): string {
  const header = ['视图 View', '编号 Id', '代码/用户名 Code or username', '名称 Name', '部门编号 Department id', ...COUNT_HEADERS];
  const rows = [
    ...s.departments.map((d) => ['department', d.departmentId ?? '', d.code ?? '', d.name ? `${d.name.zh} / ${d.name.en}` : '', d.departmentId ?? '', ...counts(d)]),
    ...s.people.map((p) => ['person', p.personId ?? '', p.username ?? '', p.displayName ?? '', p.departmentId ?? '', ...counts(p)]),
    ...s.weeks.map((w) => ['week', w.weekStart, '', '', '', ...counts(w)]),
    ['total', '', '', '', '', ...counts(s.totals)],
  ];
  return `${BOM}${stringify([header, ...rows])}`;
}

/**
 * The workbook, one sheet per view (departments, people, weeks, items), streamed: the items sheet is
 * written page by page and committed row by row, so a quarter of a thousand people's items never sits in memory.
 */
export function assessmentXlsx(s: AssessmentSummary, items: AsyncIterable<AssessmentItemView[]>): Readable {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = (name: string, header: string[]) => {
    const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const h = ws.addRow(header);
    h.font = { bold: true };
    h.commit();
    return ws;
  };
  void (async () => {
    const add = (ws: ExcelJS.Worksheet, rows: unknown[][]) => {
      for (const r of rows) ws.addRow(r).commit();
      ws.commit();
    };
    add(sheet('Departments 部门', DEPARTMENT_HEADERS), s.departments.map(departmentRow));
    add(sheet('People 人员', PEOPLE_HEADERS), s.people.map(personRow));
    add(sheet('Weeks 周', WEEK_HEADERS), s.weeks.map(weekRow));
    const ws = sheet('Items 事项', ITEM_HEADERS);
    for await (const page of items) for (const i of page) ws.addRow(itemRow(i)).commit();
    ws.commit();
    await book.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
