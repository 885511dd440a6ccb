import { and, asc, eq, isNotNull, or } from 'drizzle-orm';
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Queryable } from '@/db';
import { workItems } from '@/db/schema';
import type { Viewer } from '../../domain/types';
import { WORK_TYPE_LABELS } from '../../domain/work-item-types';
import { findVisiblePpa } from '../access';

/** A calendar day (YYYY-MM-DD) as the UTC midnight ical-generator writes as a DATE value. */
function day(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function nextDay(date: string): Date {
  const d = day(date);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/**
 * The PPA's dated work items as an iCalendar feed (RFC 5545): one all-day VEVENT per item with a start or
 * due date, from its start to its due date (DTEND is exclusive, so the day after the due date).
 */
export async function calendarFeed(options: { db: Queryable; viewer: Viewer; ppaId: string }): Promise<string> {
  const { db, viewer, ppaId } = options;
  const ppa = await findVisiblePpa(db, viewer, ppaId);
  const items = await db
    .select()
    .from(workItems)
    .where(and(eq(workItems.ppaId, ppa.id), or(isNotNull(workItems.startDate), isNotNull(workItems.dueDate))))
    .orderBy(asc(workItems.startDate), asc(workItems.dueDate));

  const calendar = ical({
    name: `${ppa.title} (FY ${ppa.fiscalYear})`,
    prodId: { company: 'BARMM', product: 'PPA Tracker', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const item of items) {
    const first = (item.startDate ?? item.dueDate)!;
    const last = item.dueDate && item.dueDate >= first ? item.dueDate : first;
    calendar.createEvent({
      id: `${item.id}@ppa-tracker`,
      allDay: true,
      start: day(first),
      end: nextDay(last),
      stamp: item.updatedAt,
      summary: item.title,
      description: `${WORK_TYPE_LABELS[item.workType]} of ${ppa.title} · status ${item.status.replaceAll('_', ' ')} · ${item.progress}% done`,
    });
  }
  return calendar.toString();
}
