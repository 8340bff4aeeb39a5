//! Values that change over time, such as a typhoon's pressure in OGC Moving Features JSON.

use super::UnixSecs;

/// One sampled value.
#[derive(Clone, Debug, PartialEq)]
pub enum PropertyValue {
    /// A measure.
    Number(f64),
    /// Anything else, as text.
    Text(String),
}

/// A named value sampled at times.
#[derive(Clone, Debug, PartialEq)]
pub struct TemporalProperty {
    /// The name, as the file spells it.
    pub name: String,
    /// The unit of measure, if given.
    pub unit: Option<String>,
    /// Sample times, ascending.
    pub times: Vec<UnixSecs>,
    /// One value per time.
    pub values: Vec<PropertyValue>,
    /// Whether numbers are interpolated linearly between samples (otherwise they step).
    pub linear: bool,
}

impl TemporalProperty {
    /// The value at `t` as text, or `None` outside the sampled span.
    pub fn value_at(&self, t: UnixSecs) -> Option<String> {
        let (first, last) = (*self.times.first()?, *self.times.last()?);
        if t < first || t > last {
            return None;
        }
        let after = self.times.partition_point(|&time| time <= t);
        let before = after.checked_sub(1)?;
        let value = match (self.values.get(before)?, self.values.get(after)) {
            (PropertyValue::Number(a), Some(PropertyValue::Number(b))) if self.linear => {
                let (t0, t1) = (self.times[before], self.times[after]);
                let ratio = if t1 > t0 { (t - t0) / (t1 - t0) } else { 0.0 };
                format!("{:.1}", a + (b - a) * ratio)
            }
            (PropertyValue::Number(a), _) => format!("{a}"),
            (PropertyValue::Text(text), _) => text.clone(),
        };
        Some(match &self.unit {
            Some(unit) => format!("{value} {unit}"),
            None => value,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_interpolate_linearly_and_text_steps() {
        let pressure = TemporalProperty {
            name: "pressure".into(),
            unit: Some("hPa".into()),
            times: vec![0.0, 10.0],
            values: vec![PropertyValue::Number(1000.0), PropertyValue::Number(990.0)],
            linear: true,
        };
        assert_eq!(pressure.value_at(5.0).as_deref(), Some("995.0 hPa"));
        assert_eq!(pressure.value_at(10.0).as_deref(), Some("990 hPa"));
        assert_eq!(pressure.value_at(11.0), None);
        let class = TemporalProperty {
            name: "class".into(),
            unit: None,
            times: vec![0.0, 10.0],
            values: vec![
                PropertyValue::Text("TS".into()),
                PropertyValue::Text("TY".into()),
            ],
            linear: true,
        };
        assert_eq!(class.value_at(9.0).as_deref(), Some("TS"));
    }
}
