//! Where the time axis puts its ticks and what it writes under them.

use crate::model::{UnixSecs, timestamp_from_unix_secs, unix_secs};
use jiff::{ToSpan as _, civil::Date, tz::TimeZone};

/// One labelled tick on the time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Where.
    pub t: UnixSecs,
    /// What to write.
    pub label: String,
}

const HOUR: f64 = 3_600.0;
const DAY: f64 = 86_400.0;

/// Fixed steps (in seconds) with their label format, then calendar months.
const FIXED_STEPS: [(f64, &str); 6] = [
    (HOUR, "%d %b %H:%M"),
    (6.0 * HOUR, "%d %b %H:%M"),
    (12.0 * HOUR, "%d %b %H:%M"),
    (DAY, "%d %b"),
    (2.0 * DAY, "%d %b"),
    (7.0 * DAY, "%d %b"),
];

/// Ticks for the span `start..end` drawn `width_points` wide, at least `min_gap_points` apart,
/// on the hours, days and months of `zone`.
pub fn ticks(
    start: UnixSecs,
    end: UnixSecs,
    width_points: f32,
    min_gap_points: f32,
    zone: &TimeZone,
) -> Vec<Tick> {
    if !(end > start && width_points > 0.0 && start.is_finite() && end.is_finite()) {
        return Vec::new();
    }
    let points_per_sec = f64::from(width_points) / (end - start);
    let min_step_secs = f64::from(min_gap_points) / points_per_sec;
    if let Some(&(step, format)) = FIXED_STEPS.iter().find(|(step, _)| *step >= min_step_secs) {
        // The grid is laid on the zone's wall clock: local midnights, not UTC ones.
        let offset_secs = f64::from(
            timestamp_from_unix_secs(start)
                .to_zoned_datetime(zone.clone())
                .offset()
                .seconds(),
        );
        let first = ((start + offset_secs) / step).ceil() * step - offset_secs;
        return (0..)
            .map(|i| first + f64::from(i) * step)
            .take_while(|&t| t <= end)
            .map(|t| Tick {
                t,
                label: timestamp_from_unix_secs(t)
                    .to_zoned_datetime(zone.clone())
                    .strftime(format)
                    .to_string(),
            })
            .collect();
    }
    let months = [1, 2, 3, 6, 12, 24, 60]
        .into_iter()
        .find(|&months| f64::from(months) * 30.0 * DAY >= min_step_secs)
        .unwrap_or(120);
    month_ticks(start, end, months, zone)
}

/// Which labels, given as x extents `(left, right)` in points, stay clear of `keep_out` (the
/// playhead's label): `false` for each one that would overlap it.
pub fn clear_of(extents: &[(f32, f32)], keep_out: (f32, f32)) -> Vec<bool> {
    extents
        .iter()
        .map(|&(left, right)| right < keep_out.0 || left > keep_out.1)
        .collect()
}

fn month_ticks(start: UnixSecs, end: UnixSecs, every_months: i32, zone: &TimeZone) -> Vec<Tick> {
    let start_date = timestamp_from_unix_secs(start)
        .to_zoned_datetime(zone.clone())
        .date();
    let Ok(mut date) = Date::new(start_date.year(), 1, 1) else {
        return Vec::new();
    };
    let mut ticks = Vec::new();
    while let Ok(zoned) = date.to_zoned_datetime(zone.clone()) {
        let t = unix_secs(zoned.timestamp());
        if t > end || ticks.len() > 1000 {
            break;
        }
        let on_grid = (i32::from(date.month()) - 1) % every_months.min(12) == 0
            && (every_months <= 12 || i32::from(date.year()) % (every_months / 12) == 0);
        if t >= start && on_grid {
            let format = if date.month() == 1 { "%b %Y" } else { "%b" };
            ticks.push(Tick {
                t,
                label: date.strftime(format).to_string(),
            });
        }
        let Ok(next) = date.checked_add(1.month()) else {
            break;
        };
        date = next;
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::parse_time;

    fn secs(text: &str) -> UnixSecs {
        parse_time(text).map(unix_secs).unwrap_or(f64::NAN)
    }

    #[test]
    fn a_week_wide_axis_gets_daily_ticks() {
        let ticks = ticks(
            secs("2026-01-20"),
            secs("2026-01-27"),
            700.0,
            60.0,
            &TimeZone::UTC,
        );
        assert_eq!(ticks.first().map(|t| t.label.as_str()), Some("20 Jan"));
        assert_eq!(ticks.len(), 8);
    }

    #[test]
    fn daily_ticks_in_a_local_zone_fall_on_local_midnight() {
        let syria = TimeZone::fixed(jiff::tz::offset(3));
        let ticks = ticks(secs("2026-01-20"), secs("2026-01-27"), 700.0, 60.0, &syria);
        let first = ticks.first().map(|t| t.t).unwrap_or(f64::NAN);
        assert_eq!(first, secs("2026-01-20T21:00:00Z"));
        assert_eq!(ticks.first().map(|t| t.label.as_str()), Some("21 Jan"));
    }

    #[test]
    fn a_year_wide_axis_gets_month_ticks_with_the_year_in_january() {
        let ticks = ticks(
            secs("2025-06-15"),
            secs("2026-03-01"),
            900.0,
            60.0,
            &TimeZone::UTC,
        );
        assert!(ticks.iter().any(|t| t.label == "Jan 2026"), "{ticks:?}");
        assert!(ticks.iter().all(|t| !t.label.contains("15")));
        assert!(ticks.windows(2).all(|pair| pair[0].t < pair[1].t));
    }

    #[test]
    fn only_tick_labels_under_the_playhead_label_are_left_out() {
        let extents = [(0.0, 40.0), (70.0, 110.0), (140.0, 180.0), (210.0, 250.0)];
        assert_eq!(
            clear_of(&extents, (100.0, 150.0)),
            vec![true, false, false, true]
        );
        assert_eq!(clear_of(&extents, (300.0, 350.0)), vec![true; 4]);
    }

    #[test]
    fn ticks_of_a_clamped_axis_end_with_the_data() {
        // The built-in scenario's axis ends a little after late February 2026: no March tick.
        let view = crate::timeline::TimelineView {
            start: secs("2024-01-01"),
            end: secs("2027-06-01"),
        }
        .clamped_to((secs("2024-12-07"), secs("2026-02-23")));
        let ticks = ticks(view.start, view.end, 1200.0, 70.0, &TimeZone::UTC);
        let last = ticks.last().map(|tick| tick.t).unwrap_or(f64::NAN);
        assert!(last <= secs("2026-03-01"), "{ticks:?}");
        assert!(ticks.iter().all(|tick| !tick.label.contains("2027")));
        assert!(
            ticks.iter().any(|tick| tick.label == "Jan 2026"),
            "{ticks:?}"
        );
    }

    #[test]
    fn an_empty_or_reversed_span_has_no_ticks() {
        let utc = TimeZone::UTC;
        assert!(ticks(10.0, 10.0, 500.0, 60.0, &utc).is_empty());
        assert!(ticks(10.0, 0.0, 500.0, 60.0, &utc).is_empty());
        assert!(ticks(f64::NAN, 10.0, 500.0, 60.0, &utc).is_empty());
    }
}
