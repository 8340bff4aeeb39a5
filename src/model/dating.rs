//! When something happened, how well that is known, and who says so.

use super::{UnixSecs, unix_secs};
use jiff::{Timestamp, tz::TimeZone};

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
    /// The end of the last local day or month the dates name when they were written without a
    /// time of day: a date given to the day spans that whole local day, a month its local month.
    pub span_end: Option<Timestamp>,
    /// The zone the dates were written in; they are shown in it.
    pub zone: TimeZone,
}

#[cfg(test)]
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
            span_end: None,
            zone: TimeZone::UTC,
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
    /// least to the end of the local day (or month) a date written without a time names.
    pub fn band_secs(&self) -> (UnixSecs, UnixSecs) {
        let start = self.earliest.map_or(self.start_secs(), unix_secs);
        let end = self
            .latest
            .map_or(self.end_secs(), unix_secs)
            .max(self.end_secs())
            .max(self.span_end.map_or(f64::MIN, unix_secs));
        (start, end)
    }

    /// Whether `t` falls inside [`Self::band_secs`].
    pub fn covers(&self, t: UnixSecs) -> bool {
        let (start, end) = self.band_secs();
        (start..=end).contains(&t)
    }

    /// A human description such as "2026-01-23 → 2026-01-26 (range; sources allow 2026-01-21 – 2026-01-27)".
    pub fn describe(&self) -> String {
        self.describe_in(&self.zone)
    }

    /// [`Self::describe`] with the dates shown in `zone`.
    pub fn describe_in(&self, zone: &TimeZone) -> String {
        let mut text = format_date_in(self.start, self.precision, zone);
        if let Some(end) = self.end {
            text.push_str(" → ");
            text.push_str(&format_date_in(end, self.precision, zone));
        }
        text.push_str(&format!(" ({})", self.precision.label()));
        if self.earliest.is_some() || self.latest.is_some() {
            let from = self.earliest.unwrap_or(self.start);
            let to = self.latest.or(self.end).unwrap_or(self.start);
            text.push_str(&format!(
                "; sources allow {} – {}",
                format_date_in(from, Precision::Exact, zone),
                format_date_in(to, Precision::Exact, zone)
            ));
        }
        text
    }

    /// The start as text in the zone it was written in; see [`format_date_in`].
    pub fn format_start(&self) -> String {
        format_date_in(self.start, self.precision, &self.zone)
    }
}

/// The mark a source carries in `published` when the outlet's page gives no date.
pub const UNDATED: &str = "undated";

/// A short name for `zone`: its IANA name, `UTC`, or its offset such as `UTC+03`.
pub fn zone_label(zone: &TimeZone) -> String {
    if let Some(name) = zone.iana_name() {
        return name.to_string();
    }
    match zone.to_fixed_offset() {
        Ok(offset) if offset.seconds() == 0 => "UTC".to_string(),
        Ok(offset) => format!("UTC{offset}"),
        Err(_) => "local time".to_string(),
    }
}

/// The instant as exports and the map's caption write it, naming the zone: "20 Jan 2026, 00:00
/// UTC" or "20 Jan 2026, 03:00 UTC+03 (Asia/Damascus)".
pub fn time_caption_in(t: Timestamp, zone: &TimeZone) -> String {
    let zoned = t.to_zoned_datetime(zone.clone());
    let offset = zoned.offset();
    let when = zoned.strftime("%d %b %Y, %H:%M");
    let is_utc = offset.seconds() == 0
        && zone
            .iana_name()
            .is_none_or(|n| n == "UTC" || n == "Etc/UTC");
    match zone.iana_name() {
        _ if is_utc => format!("{when} UTC"),
        Some(name) => format!("{when} UTC{offset} ({name})"),
        None => format!("{when} UTC{offset}"),
    }
}

/// A date as text in UTC; see [`format_date_in`].
pub fn format_date(t: Timestamp, precision: Precision) -> String {
    format_date_in(t, precision, &TimeZone::UTC)
}

/// A date as text in `zone` with no more detail than is known: "2026-01", "2026-01-24" (when it
/// is midnight there), or "2026-01-24 23:00 +03" with the offset.
pub fn format_date_in(t: Timestamp, precision: Precision, zone: &TimeZone) -> String {
    let zoned = t.to_zoned_datetime(zone.clone());
    if precision == Precision::Month {
        return zoned.strftime("%Y-%m").to_string();
    }
    if zoned.time() == jiff::civil::Time::midnight() {
        return zoned.strftime("%Y-%m-%d").to_string();
    }
    let offset = zoned.offset();
    if offset.seconds() == 0 {
        zoned.strftime("%Y-%m-%d %H:%M UTC").to_string()
    } else {
        format!("{} UTC{offset}", zoned.strftime("%Y-%m-%d %H:%M"))
    }
}

/// How strong a source is, as the one who entered it judged it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceStrength {
    /// The outlet confirms it itself, or shows it (footage, an official statement it carries).
    Confirmed,
    /// The outlet reports it, from its own sources: the ordinary case.
    Reported,
    /// The outlet only relays a party's claim.
    Claimed,
    /// A weak source: anonymous, second-hand, no page of the outlet's own.
    Weak,
}

impl SourceStrength {
    /// Every strength, strongest first.
    pub const ALL: [Self; 4] = [Self::Confirmed, Self::Reported, Self::Claimed, Self::Weak];

    /// The word used in files and shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Reported => "reported",
            Self::Claimed => "claimed",
            Self::Weak => "weak",
        }
    }
}

/// One source of a fact.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// The id under which the header's `sources` list it, so that items can cite it by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
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
    /// Why the source is weak, when it is (for example when no page of the outlet's own is
    /// known, so `url` is empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weak: Option<String>,
    /// How strong the source is, when it was judged; see [`Source::judged_strength`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strength: Option<SourceStrength>,
}

impl Source {
    /// A source with an outlet and a link, nothing else known yet.
    pub fn new(outlet: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            id: None,
            outlet: outlet.into(),
            published: None,
            url: url.into(),
            via: None,
            weak: None,
            strength: None,
        }
    }

    /// The strength given, else weak when a reason for weakness is given, else reported.
    pub fn judged_strength(&self) -> SourceStrength {
        self.strength.unwrap_or(if self.weak.is_some() {
            SourceStrength::Weak
        } else {
            SourceStrength::Reported
        })
    }

    /// The publication date, when `published` gives one as `YYYY-MM-DD` (or `YYYY-MM`, its
    /// first day); `None` when undated or unreadable.
    pub fn published_date(&self) -> Option<jiff::civil::Date> {
        let text = self.published.as_deref()?.trim();
        match text.len() {
            10 => text.parse().ok(),
            7 => format!("{text}-01").parse().ok(),
            _ => None,
        }
    }

    /// Whether the outlet's page gives no publication date (`published` missing or "undated").
    pub fn is_undated(&self) -> bool {
        self.published
            .as_deref()
            .is_none_or(|p| p.trim().is_empty() || p.trim() == UNDATED)
    }

    /// The link to open, when there is one.
    pub fn link(&self) -> Option<&str> {
        Some(self.url.trim()).filter(|url| url.starts_with("http"))
    }
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
        let dating = Dating {
            span_end: Some(ts("2026-01-28T21:00:00Z")),
            ..Dating::exact(ts("2026-01-27T21:00:00Z"))
        };
        let (start, end) = dating.band_secs();
        assert_eq!(end - start, SECS_PER_DAY);
    }

    #[test]
    fn local_midnight_is_written_as_a_date_and_other_times_carry_their_offset() {
        let syria = TimeZone::fixed(jiff::tz::offset(3));
        assert_eq!(
            format_date_in(ts("2026-01-16T21:00:00Z"), Precision::Exact, &syria),
            "2026-01-17"
        );
        assert_eq!(
            format_date_in(ts("2026-01-17T04:00:00Z"), Precision::Exact, &syria),
            "2026-01-17 07:00 UTC+03"
        );
    }

    #[test]
    fn a_disputed_range_spans_earliest_to_latest() {
        let dating = Dating {
            start: ts("2026-01-23T00:00:00Z"),
            end: Some(ts("2026-01-26T00:00:00Z")),
            precision: Precision::Range,
            earliest: Some(ts("2026-01-21T00:00:00Z")),
            latest: Some(ts("2026-01-27T00:00:00Z")),
            span_end: None,
            zone: TimeZone::UTC,
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
