//! JSON with its keys in the order they are put, printed for people and for `git diff`: two
//! spaces of indent, and short lists of plain values (coordinates, ids) on one line.

use serde_json::Value;

/// Lists of plain values up to this many characters are written on one line.
const INLINE_LIST_CHARS: usize = 80;

/// A JSON value whose objects keep the order their keys were put in.
#[derive(Clone, Debug)]
pub(super) enum Json {
    /// A string, number, boolean or null.
    Plain(Value),
    /// An object, keys in order.
    Object(Vec<(String, Json)>),
    /// A list.
    List(Vec<Json>),
}

impl Json {
    /// An empty object.
    pub fn object() -> Self {
        Self::Object(Vec::new())
    }

    /// Adds `key: value` to an object (does nothing to other values).
    pub fn put(&mut self, key: &str, value: impl Into<Json>) {
        if let Self::Object(entries) = self {
            entries.push((key.to_string(), value.into()));
        }
    }

    /// Adds `key: value` when there is a value.
    pub fn put_some<T: Into<Json>>(&mut self, key: &str, value: Option<T>) {
        if let Some(value) = value {
            self.put(key, value);
        }
    }

    /// Adds `key: [values]` when there are values.
    pub fn put_list<T: Into<Json>>(&mut self, key: &str, values: impl IntoIterator<Item = T>) {
        let list: Vec<Json> = values.into_iter().map(Into::into).collect();
        if !list.is_empty() {
            self.put(key, Json::List(list));
        }
    }

    /// Adds every entry of `extra` whose key the object does not have yet.
    pub fn put_extra(&mut self, extra: &serde_json::Map<String, Value>) {
        for (key, value) in extra {
            if !self.has(key) {
                self.put(key, value.clone());
            }
        }
    }

    /// Whether an object has `key`.
    pub fn has(&self, key: &str) -> bool {
        matches!(self, Self::Object(entries) if entries.iter().any(|(k, _)| k == key))
    }

    /// The value as pretty text, ending with a newline.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, indent: usize) {
        match self {
            Self::Plain(value) => out.push_str(&plain_text(value)),
            Self::List(items) if items.is_empty() => out.push_str("[]"),
            Self::Object(entries) if entries.is_empty() => out.push_str("{}"),
            Self::List(items) => {
                if let Some(line) = inline_list(items) {
                    out.push_str(&line);
                    return;
                }
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    push_indent(out, indent + 1);
                    item.write(out, indent + 1);
                }
                out.push('\n');
                push_indent(out, indent);
                out.push(']');
            }
            Self::Object(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    push_indent(out, indent + 1);
                    out.push_str(&plain_text(&Value::String(key.clone())));
                    out.push_str(": ");
                    value.write(out, indent + 1);
                }
                out.push('\n');
                push_indent(out, indent);
                out.push('}');
            }
        }
    }
}

fn push_indent(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push_str("  ");
    }
}

fn plain_text(value: &Value) -> String {
    // Serialising a plain value cannot fail; "null" is what a failure would least surprise with.
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

/// A list of plain values on one line, when it is short enough.
fn inline_list(items: &[Json]) -> Option<String> {
    let texts: Vec<String> = items
        .iter()
        .map(|item| match item {
            Json::Plain(value) => Some(plain_text(value)),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let line = format!("[{}]", texts.join(", "));
    (line.chars().count() <= INLINE_LIST_CHARS).then_some(line)
}

impl From<Value> for Json {
    fn from(value: Value) -> Self {
        match value {
            Value::Object(map) => {
                Self::Object(map.into_iter().map(|(k, v)| (k, v.into())).collect())
            }
            Value::Array(items) => Self::List(items.into_iter().map(Into::into).collect()),
            plain => Self::Plain(plain),
        }
    }
}

impl From<&str> for Json {
    fn from(text: &str) -> Self {
        Self::Plain(Value::String(text.to_string()))
    }
}

impl From<&String> for Json {
    fn from(text: &String) -> Self {
        Self::Plain(Value::String(text.clone()))
    }
}

impl From<String> for Json {
    fn from(text: String) -> Self {
        Self::Plain(Value::String(text))
    }
}

impl From<f64> for Json {
    fn from(number: f64) -> Self {
        Self::Plain(serde_json::Number::from_f64(number).map_or(Value::Null, Value::Number))
    }
}

impl From<u64> for Json {
    fn from(number: u64) -> Self {
        Self::Plain(Value::from(number))
    }
}

impl From<bool> for Json {
    fn from(flag: bool) -> Self {
        Self::Plain(Value::Bool(flag))
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Self {
        Self::List(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_order_and_short_plain_lists_stay_on_one_line() {
        let mut object = Json::object();
        object.put("type", "Feature");
        object.put("coordinates", vec![Json::from(35.945), Json::from(-0.5)]);
        let mut inner = Json::object();
        inner.put("a\"b", true);
        object.put("properties", inner);
        object.put("empty", Json::List(vec![]));
        assert_eq!(
            object.to_pretty(),
            "{\n  \"type\": \"Feature\",\n  \"coordinates\": [35.945, -0.5],\n  \"properties\": {\n    \"a\\\"b\": true\n  },\n  \"empty\": []\n}\n"
        );
        let parsed: Value = serde_json::from_str(&object.to_pretty()).unwrap();
        assert_eq!(parsed["coordinates"][0], 35.945);
    }

    #[test]
    fn long_lists_are_written_one_item_a_line() {
        let long: Vec<Json> = (0..30).map(|i| Json::from(format!("item{i}"))).collect();
        let text = Json::List(long).to_pretty();
        assert_eq!(text.lines().count(), 32);
    }
}
