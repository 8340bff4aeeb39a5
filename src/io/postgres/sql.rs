//! The SQL around a user's query: what its columns hold, the wrapping that fetches its rows (bound
//! to a view when asked), and connection strings with their passwords redacted.

/// A time window and a box, to fetch only the rows inside them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewBounds {
    /// Start of the window, seconds since the Unix epoch (inclusive).
    pub from_secs: f64,
    /// End of the window, seconds since the Unix epoch (inclusive).
    pub to_secs: f64,
    /// West edge, degrees of longitude (WGS 84). East may be less than west across the
    /// antimeridian.
    pub west_deg: f64,
    /// South edge, degrees of latitude.
    pub south_deg: f64,
    /// East edge, degrees of longitude.
    pub east_deg: f64,
    /// North edge, degrees of latitude.
    pub north_deg: f64,
}

/// What the query's columns hold, found from their names and types before anything is fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryShape {
    /// Timed points: the names of the id, time and geometry columns.
    Points {
        /// The column that joins points into tracks.
        id: String,
        /// A `timestamptz`, `timestamp` or `date` column.
        time: String,
        /// A PostGIS `geometry` column holding points.
        geom: String,
    },
    /// MF-JSON text (or json/jsonb), one temporal geometry or feature per row; `id`, when the
    /// query has an `id` column, names tracks that carry no id of their own.
    MfJson {
        /// The MF-JSON column.
        column: String,
        /// The id column, if any.
        id: Option<String>,
    },
}

/// The connection string with any password replaced by `***`, fit to show and to keep.
pub fn redacted(url: &str) -> String {
    let mut out = url.to_string();
    if let Some(scheme_end) = out.find("://") {
        let rest_start = scheme_end + 3;
        let authority_end = out[rest_start..]
            .find(['/', '?'])
            .map_or(out.len(), |i| rest_start + i);
        if let Some(at) = out[rest_start..authority_end].rfind('@') {
            let userinfo = &out[rest_start..rest_start + at];
            if let Some(colon) = userinfo.find(':') {
                out.replace_range(rest_start + colon + 1..rest_start + at, "***");
            }
        }
    }
    redact_key_values(&out)
}

/// Replaces the value of every `password=` (key-value form, or a URL query parameter).
fn redact_key_values(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(found) = rest.to_ascii_lowercase().find("password") {
        let after_key = &rest[found + "password".len()..];
        let trimmed = after_key.trim_start();
        let boundary_ok =
            found == 0 || matches!(rest.as_bytes()[found - 1], b' ' | b'?' | b'&' | b'\t');
        if !(boundary_ok && trimmed.starts_with('=')) {
            out.push_str(&rest[..found + "password".len()]);
            rest = after_key;
            continue;
        }
        out.push_str(&rest[..found + "password".len()]);
        out.push_str("=***");
        let value = trimmed[1..].trim_start();
        let value_len = if let Some(quoted) = value.strip_prefix('\'') {
            // A quoted value ends at the first quote not escaped by a backslash.
            let mut end = quoted.len();
            let mut escaped = false;
            for (i, c) in quoted.char_indices() {
                match c {
                    '\\' if !escaped => escaped = true,
                    '\'' if !escaped => {
                        end = i + 1;
                        break;
                    }
                    _ => escaped = false,
                }
            }
            1 + end.min(quoted.len())
        } else {
            value.find([' ', '&', '\t']).unwrap_or(value.len())
        };
        rest = &value[value_len..];
    }
    out.push_str(rest);
    out
}

/// Double-quotes an SQL identifier.
fn quoted(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// The query as given, without a trailing semicolon, so that it can be wrapped.
pub(super) fn inner(query: &str) -> &str {
    query.trim().trim_end_matches(';').trim_end()
}

/// The SQL that fetches timed points of `query` as `(id text, micros int8, lon float8, lat
/// float8)`, and its parameters: with `view`, only the rows inside the time window and the box.
///
/// Times are compared on the server as `timestamptz` (a `timestamp` without zone is read as UTC:
/// the session runs in UTC); the box is compared in WGS 84 after `ST_Transform`.
pub fn points_sql(
    query: &str,
    id: &str,
    time: &str,
    geom: &str,
    view: Option<&ViewBounds>,
) -> (String, Vec<f64>) {
    let (id, time, geom) = (quoted(id), quoted(time), quoted(geom));
    let mut sql = format!(
        "SELECT p.id, p.micros, ST_X(p.wgs84), ST_Y(p.wgs84) FROM (\
         SELECT q.{id}::text AS id, \
         floor(extract(epoch FROM q.{time}) * 1000000)::int8 AS micros, \
         ST_Transform(q.{geom}::geometry, 4326) AS wgs84 \
         FROM ({query}) AS q",
        query = inner(query)
    );
    let mut params = Vec::new();
    if let Some(view) = view {
        params = vec![
            view.from_secs,
            view.to_secs,
            view.west_deg,
            view.south_deg,
            view.east_deg,
            view.north_deg,
        ];
        sql.push_str(&format!(
            " WHERE q.{time} >= to_timestamp($1::float8) AND q.{time} <= to_timestamp($2::float8)"
        ));
    }
    sql.push_str(") AS p");
    if view.is_some() {
        // Across the antimeridian (east < west) the box is the two sides of it.
        sql.push_str(
            " WHERE ST_Y(p.wgs84) BETWEEN $4::float8 AND $6::float8 \
             AND CASE WHEN $3::float8 <= $5::float8 \
             THEN ST_X(p.wgs84) BETWEEN $3::float8 AND $5::float8 \
             ELSE ST_X(p.wgs84) >= $3::float8 OR ST_X(p.wgs84) <= $5::float8 END",
        );
    }
    (sql, params)
}

/// The SQL that fetches the MF-JSON text of `query` (and its id, or NULL).
pub(super) fn mf_json_sql(query: &str, column: &str, id: Option<&str>) -> String {
    let id = id.map_or_else(
        || "NULL".to_string(),
        |id| format!("q.{}::text", quoted(id)),
    );
    format!(
        "SELECT {id}, q.{}::text FROM ({}) AS q",
        quoted(column),
        inner(query)
    )
}

/// Recognises what `columns` (name and type name) hold.
pub fn query_shape(columns: &[(String, String)]) -> Result<QueryShape, String> {
    let named = |wanted: &[&str]| {
        columns
            .iter()
            .find(|(name, _)| wanted.iter().any(|w| name.eq_ignore_ascii_case(w)))
            .map(|(name, _)| name.clone())
    };
    let id = named(&["id"]);
    if let Some((column, _)) = columns.iter().find(|(name, kind)| {
        matches!(kind.as_str(), "json" | "jsonb")
            || ["asmfjson", "mfjson", "mf_json"]
                .iter()
                .any(|w| name.eq_ignore_ascii_case(w))
    }) {
        return Ok(QueryShape::MfJson {
            column: column.clone(),
            id,
        });
    }
    let time = named(&["time", "t", "timestamp", "datetime"]).or_else(|| {
        columns
            .iter()
            .find(|(_, kind)| matches!(kind.as_str(), "timestamptz" | "timestamp" | "date"))
            .map(|(name, _)| name.clone())
    });
    let geom = named(&["geom", "geometry", "the_geom", "point"]).or_else(|| {
        columns
            .iter()
            .find(|(_, kind)| kind == "geometry")
            .map(|(name, _)| name.clone())
    });
    match (id, time, geom) {
        (Some(id), Some(time), Some(geom)) => Ok(QueryShape::Points { id, time, geom }),
        _ => Err(format!(
            "the query returns columns {}; expected (id, time, geom) rows of timed points, or an \
             MF-JSON column (asMFJSON, json or jsonb)",
            columns
                .iter()
                .map(|(name, kind)| format!("{name} {kind}"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted_in_every_form() {
        assert_eq!(
            redacted("postgresql://ana:s3cr%40t@db.example:5432/tracks?sslmode=require"),
            "postgresql://ana:***@db.example:5432/tracks?sslmode=require"
        );
        assert_eq!(
            redacted("postgres://ana@db/tracks"),
            "postgres://ana@db/tracks"
        );
        assert_eq!(
            redacted("host=db user=ana password='a b\\'c' dbname=t"),
            "host=db user=ana password=*** dbname=t"
        );
        assert_eq!(
            redacted("host=db password = hunter2 dbname=t"),
            "host=db password=*** dbname=t"
        );
        assert_eq!(
            redacted("postgresql:///t?host=/run&password=hunter2&sslmode=disable"),
            "postgresql:///t?host=/run&password=***&sslmode=disable"
        );
        assert!(!redacted("postgresql://a:hunter2@h/d").contains("hunter2"));
    }

    #[test]
    fn a_view_bounds_the_wrapped_query_with_parameters_only() {
        let view = ViewBounds {
            from_secs: 1.0e9,
            to_secs: 1.1e9,
            west_deg: 30.0,
            south_deg: 40.0,
            east_deg: 31.0,
            north_deg: 41.0,
        };
        let (sql, params) = points_sql("SELECT * FROM points; ", "unit", "t", "g\"x", Some(&view));
        assert_eq!(params, vec![1.0e9, 1.1e9, 30.0, 40.0, 31.0, 41.0]);
        assert!(sql.contains("FROM (SELECT * FROM points) AS q"), "{sql}");
        assert!(sql.contains("q.\"t\" >= to_timestamp($1::float8)"), "{sql}");
        assert!(sql.contains("q.\"t\" <= to_timestamp($2::float8)"), "{sql}");
        assert!(
            sql.contains("ST_Transform(q.\"g\"\"x\"::geometry, 4326)"),
            "{sql}"
        );
        assert!(
            sql.contains("ST_X(p.wgs84) BETWEEN $3::float8 AND $5::float8"),
            "{sql}"
        );
        assert!(
            sql.contains("ST_Y(p.wgs84) BETWEEN $4::float8 AND $6::float8"),
            "{sql}"
        );
        assert!(
            !sql.contains("1000000000"),
            "values are parameters, not text"
        );
        let (unbound, no_params) = points_sql("SELECT * FROM points", "unit", "t", "g", None);
        assert!(no_params.is_empty());
        assert!(!unbound.contains('$'), "{unbound}");
    }

    #[test]
    fn columns_decide_the_shape() {
        let columns = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        assert_eq!(
            query_shape(&columns(&[
                ("id", "int4"),
                ("time", "timestamptz"),
                ("geom", "geometry")
            ])),
            Ok(QueryShape::Points {
                id: "id".into(),
                time: "time".into(),
                geom: "geom".into()
            })
        );
        assert_eq!(
            query_shape(&columns(&[
                ("id", "text"),
                ("seen", "timestamp"),
                ("pos", "geometry")
            ])),
            Ok(QueryShape::Points {
                id: "id".into(),
                time: "seen".into(),
                geom: "pos".into()
            })
        );
        assert_eq!(
            query_shape(&columns(&[("vessel", "text"), ("asmfjson", "text")])),
            Ok(QueryShape::MfJson {
                column: "asmfjson".into(),
                id: None
            })
        );
        let error = query_shape(&columns(&[("name", "text")])).unwrap_err();
        assert!(error.contains("name text") && error.contains("(id, time, geom)"));
    }
}
