//! Timeline layout: where each event goes on a time axis, in which lane, and which ticks
//! to label. Pure arithmetic on days, so the SVG view only draws what this returns.
//!
//! Precision is never inflated: a day is a point; a month or a year is drawn as the span of
//! days it may stand for; a campaign spans first seen → last seen.

use crate::date::PartialDate;
use crate::model::{Actor, Event, EventKind};

/// Days since 1970-01-01 for a civil date (proleptic Gregorian; Howard Hinnant's method).
pub fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

/// First and last day (inclusive) a date may stand for.
pub fn day_span(d: &PartialDate) -> (i64, i64) {
    let ((y0, m0, d0), (y1, m1, d1)) = d.bounds();
    (days_from_civil(y0, m0, d0), days_from_civil(y1, m1, d1))
}

/// A half-open range of days shown on the axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub start: i64,
    pub end: i64,
}

impl Range {
    /// From 1 January of `from` to the end of `to`.
    pub fn years(from: i32, to: i32) -> Range {
        let (a, b) = if from <= to { (from, to) } else { (to, from) };
        Range {
            start: days_from_civil(a, 1, 1),
            end: days_from_civil(b + 1, 1, 1),
        }
    }

    /// The smallest whole-year range holding every event (and its end), or this year.
    pub fn covering<'a>(events: impl IntoIterator<Item = &'a Event>) -> Range {
        let mut lo = i32::MAX;
        let mut hi = i32::MIN;
        for e in events {
            lo = lo.min(e.date.year_value());
            hi = hi.max(e.end.unwrap_or(e.date).year_value());
        }
        if lo > hi {
            return Range::years(2020, 2026);
        }
        Range::years(lo, hi)
    }

    pub fn len(&self) -> i64 {
        (self.end - self.start).max(1)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Zoomed by `factor` (< 1 zooms in) around its centre, never below one month or
    /// above sixty years.
    pub fn zoomed(&self, factor: f64) -> Range {
        let len = ((self.len() as f64 * factor).round() as i64).clamp(31, 366 * 60);
        let centre = self.start + self.len() / 2;
        Range {
            start: centre - len / 2,
            end: centre - len / 2 + len,
        }
    }

    /// Zoomed by `factor` keeping the day at `at` (0 = left edge, 1 = right edge) where it
    /// is on the axis: the wheel zooms around the pointer.
    pub fn zoomed_at(&self, factor: f64, at: f64) -> Range {
        let at = if at.is_finite() {
            at.clamp(0.0, 1.0)
        } else {
            0.5
        };
        let len = ((self.len() as f64 * factor).round() as i64).clamp(31, 366 * 60);
        let pivot = self.start + (self.len() as f64 * at).round() as i64;
        let start = pivot - (len as f64 * at).round() as i64;
        Range {
            start,
            end: start + len,
        }
    }

    /// The horizontal scale and shift, `x' = scale * x + shift`, that moves a chart laid out
    /// for `self` across `width` to where `to` would place it: zooming and panning draw the
    /// laid-out chart transformed in the same frame, and lay it out again once they settle.
    pub fn transform_to(&self, to: Range, width: f64) -> (f64, f64) {
        let scale = self.len() as f64 / to.len() as f64;
        let shift = (self.start - to.start) as f64 * width / to.len() as f64;
        (scale, shift)
    }

    /// Moved by `fraction` of its length (negative: earlier).
    pub fn panned(&self, fraction: f64) -> Range {
        let shift = (self.len() as f64 * fraction).round() as i64;
        Range {
            start: self.start + shift,
            end: self.end + shift,
        }
    }
}

/// The rows of the chart, one per kind of event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Governments and alliances naming a group or state.
    Government,
    /// Indictments and sanctions.
    Legal,
    VendorReport,
    Campaign,
}

impl Group {
    pub const ALL: [Group; 4] = [
        Group::Government,
        Group::Legal,
        Group::VendorReport,
        Group::Campaign,
    ];

    pub fn of(kind: EventKind) -> Group {
        match kind {
            EventKind::GovernmentAttribution | EventKind::Advisory | EventKind::Other => {
                Group::Government
            }
            EventKind::Indictment | EventKind::Sanction | EventKind::Takedown => Group::Legal,
            EventKind::VendorReport => Group::VendorReport,
            EventKind::Campaign => Group::Campaign,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Group::Government => "Government and alliance attributions",
            Group::Legal => "Indictments and sanctions",
            Group::VendorReport => "Vendor reports",
            Group::Campaign => "ATT&CK campaigns",
        }
    }
}

/// One event placed on the chart. `x0 == x1` for a day; otherwise a span.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Index into the slice given to [`layout`].
    pub event: usize,
    pub group: Group,
    /// Lane within the group (0 = top).
    pub lane: usize,
    pub x0: f64,
    pub x1: f64,
    pub point: bool,
    /// A short label drawn beside the mark without a click (who attributed it, for
    /// government and alliance attributions), when the lane has room for it.
    pub caption: Option<Caption>,
}

/// A mark's label: its text and where it starts; `end_anchored` when it sits left of the
/// mark (near the right edge), so `x` is where it ends.
#[derive(Clone, Debug, PartialEq)]
pub struct Caption {
    pub text: String,
    pub x: f64,
    pub end_anchored: bool,
}

/// The words shown beside a mark without a click: who made a government or alliance
/// attribution ("Belgium", "United States +4"). Other kinds have none: they are many and
/// their parties are in the list and the panel.
pub fn caption(e: &Event) -> Option<String> {
    if Group::of(e.kind) != Group::Government {
        return None;
    }
    let mut parties: Vec<&str> = Vec::new();
    for p in &e.attributed_by {
        let p = party_name(p);
        if !p.is_empty() && !parties.contains(&p) {
            parties.push(p);
        }
    }
    let first = crate::text::truncate_chars(parties.first()?, 24);
    Some(match parties.len() {
        1 => first,
        n => format!("{first} +{}", n - 1),
    })
}

/// The government or alliance in an "attributed by" entry, without the office that spoke:
/// "United States — Treasury OFAC" → "United States".
pub fn party_name(entry: &str) -> &str {
    entry.split(" — ").next().unwrap_or(entry).trim()
}

/// Width a caption takes at the chart's 12 px type, generously (~0.6 em a character).
pub fn caption_width(text: &str) -> f64 {
    text.chars().count() as f64 * 7.0 + 8.0
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub label: String,
    /// Year boundaries are major ticks.
    pub major: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimelineLayout {
    pub marks: Vec<Mark>,
    /// Lanes used by each group, in [`Group::ALL`] order (0 when the group is empty).
    pub lanes: Vec<(Group, usize)>,
    pub ticks: Vec<Tick>,
    pub width: f64,
}

impl TimelineLayout {
    /// The order a keyboard moves through the marks: left to right, then top to bottom
    /// (rows in [`Group::ALL`] order, lanes within a row). Indices into `marks`.
    pub fn reading_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.marks.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.marks[a], &self.marks[b]);
            x.x0.total_cmp(&y.x0)
                .then(x.group.cmp(&y.group))
                .then(x.lane.cmp(&y.lane))
                .then(x.event.cmp(&y.event))
        });
        order
    }

    /// Makes each mark name its event by `indices[event]` instead of its place in the slice
    /// laid out: with the indices of that slice in the catalog, the marks then index the
    /// catalog's events, and labels written once for all of them serve every layout.
    pub fn index_events_by(&mut self, indices: &[usize]) {
        for m in &mut self.marks {
            m.event = indices[m.event];
        }
    }
}

/// Horizontal room a point needs, in pixels: marks closer than this go to another lane.
pub const POINT_WIDTH: f64 = 10.0;

/// Places `events` in `range` across `width` pixels. Events entirely outside the range are
/// left out; spans are clipped to it. Lanes are assigned greedily in date order, so the
/// same input always gives the same layout and no two marks in a lane overlap.
pub fn layout(events: &[&Event], range: Range, width: f64) -> TimelineLayout {
    let width = width.max(1.0);
    let scale = width / range.len() as f64;
    let x = |day: i64| (day - range.start) as f64 * scale;
    let mut placed: Vec<(usize, Group, i64, i64, bool)> = events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let (s, mut t) = day_span(&e.date);
            if let Some(end) = e.end {
                t = t.max(day_span(&end).1);
            }
            let point = s == t;
            // Inclusive last day → exclusive end, so a month covers its whole width.
            let t_excl = if point { s } else { t + 1 };
            (t_excl >= range.start && s < range.end).then_some((
                i,
                Group::of(e.kind),
                s,
                t_excl,
                point,
            ))
        })
        .collect();
    crate::sort::sort_by_key(&mut placed, |&(i, g, s, t, _)| (g, s, t, i));
    let mut marks = Vec::with_capacity(placed.len());
    let mut lanes: Vec<(Group, usize)> = Group::ALL.iter().map(|&g| (g, 0)).collect();
    let mut lane_ends: Vec<f64> = Vec::new();
    let mut current: Option<Group> = None;
    for (i, g, s, t, point) in placed {
        if current != Some(g) {
            current = Some(g);
            lane_ends.clear();
        }
        let x0 = x(s).clamp(0.0, width);
        let x1 = if point { x0 } else { x(t).clamp(0.0, width) };
        // The space a mark occupies: points get a minimum width, centred on the day.
        let (left, right) = if point || x1 - x0 < POINT_WIDTH {
            let c = (x0 + x1) / 2.0;
            (c - POINT_WIDTH / 2.0, c + POINT_WIDTH / 2.0)
        } else {
            (x0, x1)
        };
        let lane = match lane_ends.iter().position(|&end| end <= left) {
            Some(l) => l,
            None => {
                lane_ends.push(f64::NEG_INFINITY);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = right + 2.0;
        let slot = lanes
            .iter_mut()
            .find(|(gg, _)| *gg == g)
            .expect("every group listed");
        slot.1 = slot.1.max(lane + 1);
        marks.push(Mark {
            event: i,
            group: g,
            lane,
            x0,
            x1,
            point,
            caption: None,
        });
    }
    place_captions(&mut marks, events, width);
    TimelineLayout {
        marks,
        lanes,
        ticks: ticks(range, width),
        width,
    }
}

/// The room a mark takes on its lane, without its caption.
fn extent(m: &Mark) -> (f64, f64) {
    if m.point || m.x1 - m.x0 < POINT_WIDTH {
        let c = (m.x0 + m.x1) / 2.0;
        (c - POINT_WIDTH / 2.0, c + POINT_WIDTH / 2.0)
    } else {
        (m.x0, m.x1)
    }
}

/// Gives captions to the marks that have one where their lane has room: right of the mark
/// up to the next mark, else left of it back to the previous mark or caption. Lanes are
/// already assigned, so labels never make the chart taller.
fn place_captions(marks: &mut [Mark], events: &[&Event], width: f64) {
    // Marks of one lane are consecutive in placement order only per group; collect them.
    let mut by_lane: std::collections::BTreeMap<(Group, usize), Vec<usize>> = Default::default();
    for (i, m) in marks.iter().enumerate() {
        by_lane.entry((m.group, m.lane)).or_default().push(i);
    }
    for lane in by_lane.values() {
        let mut taken = f64::NEG_INFINITY;
        for (k, &i) in lane.iter().enumerate() {
            let (left, right) = extent(&marks[i]);
            let next = lane
                .get(k + 1)
                .map_or(width, |&j| extent(&marks[j]).0.min(width));
            if let Some(text) = caption(events[marks[i].event]) {
                let w = caption_width(&text);
                if right + w <= next {
                    marks[i].caption = Some(Caption {
                        text,
                        x: right + 2.0,
                        end_anchored: false,
                    });
                    taken = right + w;
                    continue;
                } else if left - w >= taken.max(0.0) {
                    marks[i].caption = Some(Caption {
                        text,
                        x: left - 2.0,
                        end_anchored: true,
                    });
                }
            }
            taken = right;
        }
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Tick steps in months, smallest first.
const STEPS: [u32; 10] = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600];

/// Labels at whole months or years, as dense as fits one label per ~70 px.
pub fn ticks(range: Range, width: f64) -> Vec<Tick> {
    let months = range.len() as f64 / 30.44;
    let max_ticks = (width / 70.0).floor().max(2.0);
    let step = STEPS
        .iter()
        .copied()
        .find(|&s| months / f64::from(s) <= max_ticks)
        .unwrap_or(600);
    let (y, m, _) = civil_from_days(range.start);
    // First tick: the first step boundary at or after the range start.
    let mut idx = i64::from(y) * 12 + i64::from(m) - 1;
    let step_i = i64::from(step);
    idx = (idx + step_i - 1).div_euclid(step_i) * step_i;
    let scale = width / range.len() as f64;
    let mut out = Vec::new();
    loop {
        let (ty, tm) = (idx.div_euclid(12) as i32, (idx.rem_euclid(12) + 1) as u8);
        let day = days_from_civil(ty, tm, 1);
        if day < range.start {
            idx += step_i;
            continue;
        }
        if day >= range.end {
            break;
        }
        let label = if step >= 12 || tm == 1 {
            ty.to_string()
        } else {
            format!("{} {ty}", MONTHS[usize::from(tm) - 1])
        };
        out.push(Tick {
            x: (day - range.start) as f64 * scale,
            label,
            major: tm == 1,
        });
        idx += step_i;
    }
    out
}

/// A box on the chart, in CSS pixels from the chart's top left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// Where the chart's one tooltip (a mark's label, on hover or focus) goes, as its top left
/// corner: centred over the mark `mark`, or under it when the chart has no room above, and
/// moved to stay inside the chart (`chart`: its width and height) when it can — a label
/// wrapped to three lines on a phone may fit neither above nor below a mark in a short chart.
pub fn tip_place(mark: Rect, tip: (f64, f64), chart: (f64, f64)) -> (f64, f64) {
    const GAP: f64 = 6.0;
    let (tip_width, tip_height) = tip;
    let (chart_width, chart_height) = chart;
    let centre = (mark.left + mark.right) / 2.0;
    let left = (centre - tip_width / 2.0)
        .min(chart_width - tip_width)
        .max(0.0);
    let above = mark.top - GAP - tip_height;
    let below = mark.bottom + GAP;
    let top = if above >= 0.0 {
        above
    } else if below + tip_height <= chart_height {
        below
    } else {
        (chart_height - tip_height).max(0.0)
    };
    (left, top)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, date: &str, end: Option<&str>, kind: EventKind) -> Event {
        Event {
            id: id.into(),
            date: date.parse().unwrap(),
            end: end.map(|e| e.parse().unwrap()),
            kind,
            title: id.into(),
            attributed_by: vec![],
            claims: vec![],
            responses: vec![],
            sources: vec![],
            note: None,
        }
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for z in [-1000, 0, 11_016, 19_000, 20_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn precision_becomes_width() {
        let events = [
            event("day", "2022-07-18", None, EventKind::GovernmentAttribution),
            event("month", "2022-01", None, EventKind::GovernmentAttribution),
            event("year", "2021", None, EventKind::Indictment),
            event("camp", "2019-09", Some("2020-08"), EventKind::Campaign),
        ];
        let refs: Vec<&Event> = events.iter().collect();
        let l = layout(&refs, Range::years(2019, 2022), 1460.0);
        let m = |id: &str| {
            l.marks
                .iter()
                .find(|m| refs[m.event].id == id)
                .unwrap()
                .clone()
        };
        assert!(m("day").point && m("day").x0 == m("day").x1);
        let month = m("month");
        assert!(
            !month.point && (month.x1 - month.x0 - 31.0).abs() < 1.0,
            "{month:?}"
        );
        let year = m("year");
        assert!((year.x1 - year.x0 - 365.0).abs() < 1.0, "{year:?}");
        let camp = m("camp");
        assert!(camp.x1 - camp.x0 > 300.0, "{camp:?}");
    }

    #[test]
    fn no_two_marks_in_a_lane_overlap() {
        let events: Vec<Event> = (0..60)
            .map(|i| {
                event(
                    &format!("e{i}"),
                    &format!("2022-0{}-1{}", 1 + i % 9, i % 10),
                    None,
                    EventKind::GovernmentAttribution,
                )
            })
            .chain((0..20).map(|i| {
                event(
                    &format!("c{i}"),
                    &format!("20{:02}", 10 + i % 8),
                    Some("2022-06"),
                    EventKind::Campaign,
                )
            }))
            .collect();
        let refs: Vec<&Event> = events.iter().collect();
        let l = layout(&refs, Range::years(2010, 2023), 800.0);
        assert_eq!(l.marks.len(), events.len());
        for a in &l.marks {
            for b in &l.marks {
                if a.event < b.event && a.group == b.group && a.lane == b.lane {
                    let extent = |m: &Mark| {
                        if m.point || m.x1 - m.x0 < POINT_WIDTH {
                            let c = (m.x0 + m.x1) / 2.0;
                            (c - POINT_WIDTH / 2.0, c + POINT_WIDTH / 2.0)
                        } else {
                            (m.x0, m.x1)
                        }
                    };
                    let ((a0, a1), (b0, b1)) = (extent(a), extent(b));
                    assert!(a1 <= b0 || b1 <= a0, "{a:?} overlaps {b:?}");
                }
            }
        }
        // Same input, same output.
        assert_eq!(layout(&refs, Range::years(2010, 2023), 800.0), l);
    }

    fn attributed(id: &str, date: &str, by: &[&str]) -> Event {
        let mut e = event(id, date, None, EventKind::GovernmentAttribution);
        e.attributed_by = by.iter().map(|s| s.to_string()).collect();
        e
    }

    #[test]
    fn government_marks_carry_who_said_it_where_there_is_room() {
        let events = [
            attributed("be", "2022-03-18", &["Belgium"]),
            attributed(
                "five",
                "2021-02-01",
                &[
                    "United States — DOJ",
                    "United States — FBI",
                    "United Kingdom — NCSC",
                    "EU",
                ],
            ),
            // The next day in a 360 px year: no room beside "be" for a label of its own lane.
            attributed("near", "2022-03-19", &["Czech Republic"]),
            event("ind", "2022-07-01", None, EventKind::Indictment),
            // At the right edge the words sit left of the mark.
            attributed("edge", "2022-12-30", &["Japan"]),
        ];
        let refs: Vec<&Event> = events.iter().collect();
        let l = layout(&refs, Range::years(2021, 2022), 360.0);
        let m = |id: &str| l.marks.iter().find(|m| refs[m.event].id == id).unwrap();
        assert_eq!(m("be").caption.as_ref().unwrap().text, "Belgium");
        assert_eq!(m("five").caption.as_ref().unwrap().text, "United States +2");
        assert!(m("ind").caption.is_none(), "only government attributions");
        assert_eq!(party_name("Japan — National Police Agency"), "Japan");
        assert_eq!(party_name("NATO"), "NATO");
        let edge = m("edge").caption.as_ref().unwrap();
        assert!(edge.end_anchored && edge.x < m("edge").x0, "{edge:?}");
        // Words never overlap another mark or another mark's words in the same lane.
        let extent = |m: &Mark| {
            let (mut a, mut b) = extent(m);
            if let Some(cap) = &m.caption {
                let w = caption_width(&cap.text);
                if cap.end_anchored {
                    a = a.min(cap.x - w);
                } else {
                    b = b.max(cap.x + w);
                }
            }
            (a, b)
        };
        for a in &l.marks {
            for b in &l.marks {
                if a.event < b.event && a.group == b.group && a.lane == b.lane {
                    let ((a0, a1), (b0, b1)) = (extent(a), extent(b));
                    assert!(a1 <= b0 || b1 <= a0, "{a:?} overlaps {b:?}");
                }
            }
        }
        assert!(l.marks.iter().all(|m| m
            .caption
            .as_ref()
            .is_none_or(|c| c.x >= 0.0 && c.x <= 360.0)));
    }

    #[test]
    fn a_lane_with_room_for_the_mark_only_takes_it_without_words() {
        // Ten attributions a few days apart: labelled ones would need ten lanes.
        let events: Vec<Event> = (0..10)
            .map(|i| {
                attributed(
                    &format!("e{i}"),
                    &format!("2022-03-{:02}", 1 + i * 3),
                    &["Some Long Country Name"],
                )
            })
            .collect();
        let refs: Vec<&Event> = events.iter().collect();
        let l = layout(&refs, Range::years(2022, 2022), 1000.0);
        let lanes = l
            .lanes
            .iter()
            .find(|(g, _)| *g == Group::Government)
            .unwrap()
            .1;
        let without: Vec<Event> = events
            .iter()
            .map(|e| Event {
                kind: EventKind::Indictment,
                ..e.clone()
            })
            .collect();
        let refs2: Vec<&Event> = without.iter().collect();
        let plain = layout(&refs2, Range::years(2022, 2022), 1000.0);
        let plain_lanes = plain
            .lanes
            .iter()
            .find(|(g, _)| *g == Group::Legal)
            .unwrap()
            .1;
        assert_eq!(lanes, plain_lanes, "labels never add a lane");
        assert!(l.marks.iter().any(|m| m.caption.is_some()));
        assert!(l.marks.iter().any(|m| m.caption.is_none()));
    }

    #[test]
    fn zooming_at_a_point_keeps_that_day_in_place() {
        let r = Range::years(2010, 2029);
        for at in [0.0, 0.25, 0.5, 0.9, 1.0] {
            let z = r.zoomed_at(0.5, at);
            let before = r.start as f64 + r.len() as f64 * at;
            let after = z.start as f64 + z.len() as f64 * at;
            assert!((before - after).abs() <= 1.0, "at {at}: {r:?} → {z:?}");
            assert!((z.len() as f64 - r.len() as f64 / 2.0).abs() <= 1.0);
        }
        assert_eq!(r.zoomed_at(0.8, f64::NAN).len(), r.zoomed(0.8).len());
    }

    #[test]
    fn the_transform_moves_a_drawn_chart_where_a_new_layout_puts_it() {
        let drawn = Range::years(2015, 2024);
        let width = 800.0;
        let day = days_from_civil(2020, 6, 1);
        let x_in = |r: Range| (day - r.start) as f64 * width / r.len() as f64;
        for to in [
            drawn.zoomed(0.5),
            drawn.zoomed_at(2.0, 0.2),
            drawn.panned(0.3),
            drawn,
        ] {
            let (scale, shift) = drawn.transform_to(to, width);
            assert!(
                (scale * x_in(drawn) + shift - x_in(to)).abs() < 1e-6,
                "{to:?}"
            );
        }
        assert_eq!(drawn.transform_to(drawn, width), (1.0, 0.0));
    }

    #[test]
    fn events_outside_the_range_are_left_out() {
        let events = [
            event("old", "2001", None, EventKind::Indictment),
            event("in", "2022-07-18", None, EventKind::Indictment),
        ];
        let refs: Vec<&Event> = events.iter().collect();
        let l = layout(&refs, Range::years(2020, 2023), 500.0);
        assert_eq!(l.marks.len(), 1);
        assert_eq!(
            l.lanes.iter().find(|(g, _)| *g == Group::Legal).unwrap().1,
            1
        );
    }

    #[test]
    fn ticks_suit_every_zoom() {
        let labels =
            |r: Range, w: f64| ticks(r, w).into_iter().map(|t| t.label).collect::<Vec<_>>();
        // Thirty years on a phone: a label every five or ten years.
        let wide = labels(Range::years(1996, 2025), 360.0);
        assert!(wide.len() >= 2 && wide.len() <= 5, "{wide:?}");
        assert!(wide.iter().all(|l| l.len() == 4));
        // Five years in 500 px: every year; in 1000 px, half-years too.
        assert_eq!(
            labels(Range::years(2020, 2024), 500.0),
            ["2020", "2021", "2022", "2023", "2024"]
        );
        assert!(labels(Range::years(2020, 2024), 1000.0).contains(&"Jul 2022".to_string()));
        // One month: a single label for it.
        let month = Range {
            start: days_from_civil(2022, 7, 1),
            end: days_from_civil(2022, 8, 1),
        };
        assert_eq!(labels(month, 800.0), ["Jul 2022"]);
        // A year on a desktop: months, with the year at January.
        let year = labels(Range::years(2022, 2022), 1000.0);
        assert_eq!(year.first().map(String::as_str), Some("2022"));
        assert!(
            year.contains(&"Jul 2022".to_string()) || year.contains(&"Apr 2022".to_string()),
            "{year:?}"
        );
    }

    #[test]
    fn zoom_and_pan_keep_sensible_bounds() {
        let r = Range::years(2020, 2021);
        assert!(r.zoomed(0.5).len() < r.len());
        assert_eq!(r.zoomed(0.0001).len(), 31);
        assert_eq!(r.zoomed(1000.0).len(), 366 * 60);
        assert_eq!(
            r.panned(0.5).start,
            r.start + (r.len() as f64 * 0.5).round() as i64
        );
    }
}

/// Which events the timeline shows (every part empty = no restriction).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Events naming any of these actor ids.
    pub actors: Vec<String>,
    /// Events naming an actor with this suspected origin.
    pub origin: String,
    /// Events whose attributing parties contain this text (case-insensitive).
    pub party: String,
    /// Events in these rows.
    pub groups: Vec<Group>,
    /// Events whose title, names as stated, victims or parties contain this text.
    pub text: String,
}

impl Group {
    pub fn param(self) -> &'static str {
        match self {
            Group::Government => "government",
            Group::Legal => "legal",
            Group::VendorReport => "vendor",
            Group::Campaign => "campaign",
        }
    }

    pub fn from_param(p: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.param() == p)
    }
}

/// Indices of the catalog's events that pass the filter, oldest first (ties by id).
pub fn filter(catalog: &crate::Catalog, f: &Filter) -> Vec<usize> {
    use crate::search::normalize;
    let text = normalize(&f.text);
    let party = f.party.to_lowercase();
    let mut out: Vec<usize> = catalog
        .events()
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            let ids = || e.claims.iter().flat_map(|c| c.actors.iter());
            (f.actors.is_empty() || ids().any(|id| f.actors.contains(id)))
                && (f.origin.is_empty()
                    || ids().any(|id| {
                        catalog
                            .actor(id)
                            .and_then(|a| a.origin.as_ref())
                            .is_some_and(|o| o.country == f.origin)
                    }))
                && (party.is_empty()
                    || e.attributed_by
                        .iter()
                        .any(|p| p.to_lowercase().contains(&party)))
                && (f.groups.is_empty() || f.groups.contains(&Group::of(e.kind)))
                && (text.is_empty() || {
                    let mut hay = normalize(&e.title);
                    for c in &e.claims {
                        hay.push_str(&normalize(&c.names_as_stated));
                        hay.push_str(&normalize(c.victim.as_deref().unwrap_or("")));
                    }
                    for p in &e.attributed_by {
                        hay.push_str(&normalize(p));
                    }
                    hay.contains(&text)
                })
        })
        .map(|(i, _)| i)
        .collect();
    let events = catalog.events();
    crate::sort::sort_by(&mut out, |&a, &b| {
        events[a]
            .date
            .cmp(&events[b].date)
            .then_with(|| events[a].id.cmp(&events[b].id))
    });
    out
}

/// Whether an event overlaps the range (used to sync the list with the chart).
pub fn in_range(e: &Event, range: Range) -> bool {
    let (s, mut t) = day_span(&e.date);
    if let Some(end) = e.end {
        t = t.max(day_span(&end).1);
    }
    t >= range.start && s < range.end
}

/// A group's stated activity ("active since 2012"), drawn as a band on its own timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Activity {
    pub x0: f64,
    pub x1: f64,
    /// The sources give no end: the band runs to the dataset's date (or the chart's end).
    pub open_end: bool,
    /// "Active since 2021, per MITRE ATT&CK".
    pub label: String,
}

/// An actor's own timeline: its events and its stated activity on one axis.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorTimeline {
    /// Indices into the catalog's events; the layout's marks index this list.
    pub events: Vec<usize>,
    pub layout: TimelineLayout,
    pub activity: Option<Activity>,
}

/// Whether an actor has a timeline: events, or a stated activity period.
pub fn has_actor_timeline(catalog: &crate::Catalog, actor: &Actor) -> bool {
    !catalog.event_indices_for(&actor.id).is_empty()
        || actor.first_seen.is_some()
        || actor.last_seen.is_some()
}

/// Lays out an actor's events (from the catalog's per-actor index) together with the span
/// its sources state for its activity, or `None` when there is neither.
pub fn actor_timeline(
    catalog: &crate::Catalog,
    actor: &Actor,
    width: f64,
) -> Option<ActorTimeline> {
    if !has_actor_timeline(catalog, actor) {
        return None;
    }
    let events = catalog.event_indices_for(&actor.id).to_vec();
    let stated = actor.first_seen.is_some() || actor.last_seen.is_some();
    let list: Vec<&Event> = events.iter().map(|&i| &catalog.events()[i]).collect();
    let until = actor
        .last_seen
        .or_else(|| actor.first_seen.and(catalog.dataset().info.updated));
    let mut lo = i32::MAX;
    let mut hi = i32::MIN;
    let dates = list
        .iter()
        .flat_map(|e| [Some(e.date), e.end])
        .chain([actor.first_seen, until])
        .flatten();
    for d in dates {
        lo = lo.min(d.year_value());
        hi = hi.max(d.year_value());
    }
    let range = Range::years(lo, hi);
    let layout = layout(&list, range, width);
    let activity = stated.then(|| {
        let w = layout.width;
        let x = |day: i64| ((day - range.start) as f64 * w / range.len() as f64).clamp(0.0, w);
        let x0 = actor.first_seen.map_or(0.0, |d| x(day_span(&d).0));
        let x1 = until.map_or(w, |d| x(day_span(&d).1 + 1));
        let span = match (actor.first_seen, actor.last_seen) {
            (Some(f), Some(l)) => format!("Active {} – {}", f.human(), l.human()),
            (Some(f), None) => format!("Active since {}", f.human()),
            (None, Some(l)) => format!("Active until {}", l.human()),
            (None, None) => unreachable!("stated"),
        };
        let source = actor
            .first_seen_source
            .as_deref()
            .and_then(|s| catalog.source(s))
            .map(|s| format!(", per {}", s.name))
            .unwrap_or_default();
        Activity {
            x0,
            x1: x1.max(x0 + 2.0),
            open_end: actor.last_seen.is_none(),
            label: format!("{span}{source}"),
        }
    });
    Some(ActorTimeline {
        events,
        layout,
        activity,
    })
}

#[cfg(test)]
mod reading_order_tests {
    use super::*;

    /// A catalog of one group and these events `(id, date, kind)`, each naming the group.
    fn of_events(events: &[(&str, &str, &str)]) -> crate::Catalog {
        let events: Vec<String> = events
            .iter()
            .map(|(id, date, kind)| {
                format!(
                    r#"{{"id":"{id}","date":"{date}","kind":"{kind}","title":"{id}","attributed_by":["X"],"claims":[{{"names_as_stated":"A","actors":["a"]}}]}}"#
                )
            })
            .collect();
        let json = format!(
            r#"{{"schema":1,"info":{{"title":"t","version":"1"}},"actors":[{{"id":"a","name":"A"}}],"events":[{}]}}"#,
            events.join(",")
        );
        crate::parse(&json).unwrap().0
    }

    #[test]
    fn the_keyboard_reads_marks_left_to_right_then_top_down() {
        let c = of_events(&[
            ("late", "2022-06-01", "government-attribution"),
            ("early-legal", "2020-01-01", "indictment"),
            ("early-gov", "2020-01-01", "government-attribution"),
        ]);
        let events: Vec<&Event> = c.events().iter().collect();
        let l = layout(&events, Range::years(2020, 2022), 900.0);
        let ids: Vec<&str> = l
            .reading_order()
            .into_iter()
            .map(|m| events[l.marks[m].event].id.as_str())
            .collect();
        assert_eq!(ids, ["early-gov", "early-legal", "late"]);
    }

    #[test]
    fn marks_laid_out_from_a_subset_can_name_the_catalogs_events() {
        let c = of_events(&[
            ("one", "2020-01-01", "indictment"),
            ("two", "2021-01-01", "indictment"),
            ("three", "2022-01-01", "indictment"),
        ]);
        // The first and the third only, as a filter would leave them.
        let indices = [0, 2];
        let events: Vec<&Event> = indices.iter().map(|&i| &c.events()[i]).collect();
        let mut l = layout(&events, Range::years(2020, 2022), 900.0);
        let before: Vec<&str> = l
            .marks
            .iter()
            .map(|m| events[m.event].id.as_str())
            .collect();
        l.index_events_by(&indices);
        let after: Vec<&str> = l
            .marks
            .iter()
            .map(|m| c.events()[m.event].id.as_str())
            .collect();
        assert_eq!(before, after);
        assert_eq!(after.len(), 2);
        assert!(!after.contains(&"two"));
    }
}

#[cfg(test)]
mod actor_timeline_tests {
    use super::*;

    #[test]
    fn the_stated_activity_spans_from_first_seen_to_the_datasets_date() {
        let json = r#"{"schema":1,"info":{"title":"t","version":"1","updated":"2026-06"},
          "sources":[{"id":"s","name":"Our notes","kind":"dataset"}],
          "actors":[
            {"id":"a","name":"A","first_seen":"2020","first_seen_source":"s"},
            {"id":"b","name":"B"},
            {"id":"c","name":"C","first_seen":"2010","last_seen":"2015"}],
          "events":[
            {"id":"e1","date":"2024-03-18","kind":"government-attribution","title":"Finland names A","attributed_by":["Finland"],"claims":[{"names_as_stated":"A","actors":["a"]}]}
          ]}"#;
        let (c, w) = crate::parse(json).unwrap();
        assert!(w.is_empty(), "{w:?}");
        let t = actor_timeline(&c, &c.actors()[0], 700.0).unwrap();
        assert_eq!(t.events, [0]);
        let a = t.activity.unwrap();
        assert_eq!(a.label, "Active since 2020, per Our notes");
        assert!(a.open_end);
        // 2020–2026 is seven years: the band starts at 0 and ends in mid-2026.
        assert_eq!(a.x0, 0.0);
        assert!(a.x1 > 600.0 && a.x1 < 700.0, "{}", a.x1);
        assert!(actor_timeline(&c, &c.actors()[1], 700.0).is_none());
        let closed = actor_timeline(&c, &c.actors()[2], 600.0).unwrap();
        let a = closed.activity.unwrap();
        assert_eq!(a.label, "Active 2010 – 2015");
        assert!(!a.open_end);
        assert_eq!(a.x1, 600.0);
        assert!(closed.layout.marks.is_empty());
    }
}

#[cfg(test)]
mod filter_tests {
    use super::*;

    #[test]
    fn filters_combine() {
        let json = r#"{"schema":1,"info":{"title":"t","version":"1"},
          "actors":[{"id":"a","name":"A","origin":{"country":"China","source":"s"}},{"id":"b","name":"B"}],
          "events":[
            {"id":"e1","date":"2021-03-18","kind":"government-attribution","title":"Finland names A","attributed_by":["Finland"],"claims":[{"names_as_stated":"APT31","actors":["a"]}]},
            {"id":"e2","date":"2020","kind":"indictment","title":"US charges B","attributed_by":["United States"],"claims":[{"names_as_stated":"B","actors":["b"]}]},
            {"id":"e3","date":"2019-09","end":"2020-08","kind":"campaign","title":"Dream","claims":[{"names_as_stated":"A","actors":["a"]}]}
          ]}"#;
        let (c, _) = crate::parse(json).unwrap();
        let ids = |f: &Filter| {
            filter(&c, f)
                .into_iter()
                .map(|i| c.events()[i].id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&Filter::default()), ["e3", "e2", "e1"]);
        assert_eq!(
            ids(&Filter {
                actors: vec!["a".into()],
                ..Default::default()
            }),
            ["e3", "e1"]
        );
        assert_eq!(
            ids(&Filter {
                origin: "China".into(),
                ..Default::default()
            }),
            ["e3", "e1"]
        );
        assert_eq!(
            ids(&Filter {
                party: "finland".into(),
                ..Default::default()
            }),
            ["e1"]
        );
        assert_eq!(
            ids(&Filter {
                groups: vec![Group::Legal],
                ..Default::default()
            }),
            ["e2"]
        );
        assert_eq!(
            ids(&Filter {
                text: "apt 31".into(),
                ..Default::default()
            }),
            ["e1"]
        );
        assert!(in_range(&c.events()[2], Range::years(2020, 2020)));
        assert!(!in_range(&c.events()[2], Range::years(2021, 2022)));
    }

    #[test]
    fn the_tip_sits_over_its_mark_inside_the_chart() {
        let mark = |left: f64, top: f64| Rect {
            left,
            top,
            right: left + 10.0,
            bottom: top + 10.0,
        };
        let chart = (400.0, 200.0);
        // Centred above the mark.
        assert_eq!(
            tip_place(mark(195.0, 100.0), (100.0, 30.0), chart),
            (150.0, 64.0)
        );
        // No room above: under it.
        assert_eq!(
            tip_place(mark(195.0, 20.0), (100.0, 30.0), chart),
            (150.0, 36.0)
        );
        // Room neither above nor below: inside the chart, at its foot.
        assert_eq!(
            tip_place(mark(195.0, 20.0), (100.0, 180.0), chart),
            (150.0, 20.0)
        );
        // Near either edge: kept inside.
        assert_eq!(tip_place(mark(0.0, 100.0), (100.0, 30.0), chart).0, 0.0);
        assert_eq!(tip_place(mark(395.0, 100.0), (100.0, 30.0), chart).0, 300.0);
        // Larger than the chart: from its top left corner.
        assert_eq!(
            tip_place(mark(100.0, 20.0), (500.0, 300.0), chart),
            (0.0, 0.0)
        );
    }
}
