//! When something happened, how well that is known, and who says so.

use super::{UnixSecs, unix_secs};
use jiff::Timestamp;

/// How well a date is known, as the sources give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// The source gives the day (or the time).
    Exact,
    /// The day is inferred ("last week", "two days ago").
    Approximate,
    /// A span of days.
    Range,
    /// Only the month is known.
    Month,
    /// Only the publication date is known, not when it happened.
    ReportDate,
}

impl Precision {
    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Approximate => "approximate",
            Self::Range => "range",
            Self::Month => "month",
            Self::ReportDate => "report date",
        }
    }

    /// Whether the date is less than exactly known, so it is drawn as a band.
    pub fn is_uncertain(self) -> bool {
        self != Self::Exact
    }
}

/// The dates of an event, a force state or a change of control.
#[derive(Clone, Debug, PartialEq)]
pub struct Dating {
    /// The instant the map uses.
    pub start: Timestamp,
    /// When it ended, if it lasted.
    pub end: Option<Timestamp>,
    /// How well the date is known.
    pub precision: Precision,
    /// The earliest date the sources allow.
    pub earliest: Option<Timestamp>,
    /// The latest date the sources allow.
    pub latest: Option<Timestamp>,
}

const SECS_PER_DAY: f64 = 86_400.0;

impl Dating {
    /// A dating at one exactly known instant.
    pub fn exact(start: Timestamp) -> Self {
        Self {
            start,
            end: None,
            precision: Precision::Exact,
            earliest: None,
            latest: None,
        }
    }

    /// `start` in seconds.
    pub fn start_secs(&self) -> UnixSecs {
        unix_secs(self.start)
    }

    /// `end` in seconds, or `start` when it has none.
    pub fn end_secs(&self) -> UnixSecs {
        self.end.map_or(self.start_secs(), unix_secs)
    }

    /// The span the timeline draws: from the earliest to the latest date the sources allow, and at
    /// least the whole day for a date given to the day, or the month for a month.
    pub fn band_secs(&self) -> (UnixSecs, UnixSecs) {
        let start = self.earliest.map_or(self.start_secs(), unix_secs);
        let end = self
            .latest
            .map_or(self.end_secs(), unix_secs)
            .max(self.end_secs());
        let min_len = match self.precision {
            Precision::Month => 30.0 * SECS_PER_DAY,
            _ if is_midnight(self.start) => SECS_PER_DAY,
            _ => 0.0,
        };
        (start, end.max(self.start_secs() + min_len))
    }

    /// Whether `t` falls inside [`Self::band_secs`].
    pub fn covers(&self, t: UnixSecs) -> bool {
        let (start, end) = self.band_secs();
        (start..=end).contains(&t)
    }

    /// A human description such as "2026-01-23 → 2026-01-26 (range; sources allow 2026-01-21 – 2026-01-27)".
    pub fn describe(&self) -> String {
        let mut text = format_date(self.start, self.precision);
        if let Some(end) = self.end {
            text.push_str(" → ");
            text.push_str(&format_date(end, self.precision));
        }
        text.push_str(&format!(" ({})", self.precision.label()));
        if self.earliest.is_some() || self.latest.is_some() {
            let from = self.earliest.unwrap_or(self.start);
            let to = self.latest.or(self.end).unwrap_or(self.start);
            text.push_str(&format!(
                "; sources allow {} – {}",
                format_date(from, Precision::Exact),
                format_date(to, Precision::Exact)
            ));
        }
        text
    }
}

fn is_midnight(t: Timestamp) -> bool {
    t.as_second().rem_euclid(86_400) == 0
}

/// A date as text with no more detail than is known: "2026-01", "2026-01-24", "2026-01-24 23:00 UTC".
pub fn format_date(t: Timestamp, precision: Precision) -> String {
    if precision == Precision::Month {
        return t.strftime("%Y-%m").to_string();
    }
    if is_midnight(t) {
        return t.strftime("%Y-%m-%d").to_string();
    }
    t.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

/// One source of a fact.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// The original reporter.
    pub outlet: String,
    /// The publication date, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Where to read it.
    pub url: String,
    /// The site it was read through, when that is not the outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// How far a claim can be trusted, as the research judged it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Several independent, reliable sources.
    High,
    /// The ordinary case.
    #[default]
    Medium,
    /// A single, anonymous or low-reliability source; drawn hollow and dashed.
    Low,
}

/// What another source says instead.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ConflictingReport {
    /// The other claim, paraphrased.
    pub claim: String,
    /// Who makes it.
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// The sources of a fact and how far to trust it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Provenance {
    /// One or more sources.
    pub sources: Vec<Source>,
    /// How far to trust the claim.
    pub confidence: Confidence,
    /// Why, when the confidence is not the ordinary one.
    pub confidence_note: Option<String>,
    /// What other sources say.
    pub conflicting_reports: Vec<ConflictingReport>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn a_day_precise_date_is_drawn_as_the_whole_day() {
        let dating = Dating::exact(ts("2026-01-28T00:00:00Z"));
        let (start, end) = dating.band_secs();
        assert_eq!(end - start, SECS_PER_DAY);
    }

    #[test]
    fn a_disputed_range_spans_earliest_to_latest() {
        let dating = Dating {
            start: ts("2026-01-23T00:00:00Z"),
            end: Some(ts("2026-01-26T00:00:00Z")),
            precision: Precision::Range,
            earliest: Some(ts("2026-01-21T00:00:00Z")),
            latest: Some(ts("2026-01-27T00:00:00Z")),
        };
        let (start, end) = dating.band_secs();
        assert_eq!(start, unix_secs(ts("2026-01-21T00:00:00Z")));
        assert_eq!(end, unix_secs(ts("2026-01-27T00:00:00Z")));
        assert!(
            dating
                .describe()
                .contains("sources allow 2026-01-21 – 2026-01-27")
        );
    }

    #[test]
    fn a_month_date_is_written_without_a_day() {
        assert_eq!(
            format_date(ts("2025-05-01T00:00:00Z"), Precision::Month),
            "2025-05"
        );
    }
}
