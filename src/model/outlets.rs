//! The outlet a link belongs to, from its domain: a pasted URL fills in the outlet.

/// Domains of outlets whose name is not simply their domain, and the name they go by.
/// A domain matches itself and its subdomains (`www.`, `en.`, `amp.` …).
const KNOWN_OUTLETS: &[(&str, &str)] = &[
    ("reuters.com", "Reuters"),
    ("apnews.com", "AP"),
    ("afp.com", "AFP"),
    ("aljazeera.com", "Al Jazeera"),
    ("aljazeera.net", "Al Jazeera"),
    ("bbc.com", "BBC"),
    ("bbc.co.uk", "BBC"),
    ("tass.com", "TASS"),
    ("tass.ru", "TASS"),
    ("ria.ru", "RIA Novosti"),
    ("interfax.ru", "Interfax"),
    ("interfax.com", "Interfax"),
    ("themoscowtimes.com", "The Moscow Times"),
    ("kommersant.ru", "Kommersant"),
    ("shafaq.com", "Shafaq News"),
    ("kurdistan24.net", "Kurdistan24"),
    ("rudaw.net", "Rudaw"),
    ("aa.com.tr", "Anadolu Agency"),
    ("trtworld.com", "TRT World"),
    ("dailysabah.com", "Daily Sabah"),
    ("sana.sy", "SANA"),
    ("syriahr.com", "Syrian Observatory for Human Rights"),
    ("enabbaladi.net", "Enab Baladi"),
    ("syrianobserver.com", "Syrian Observer"),
    ("north-press.com", "North Press Agency"),
    ("npasyria.com", "North Press Agency"),
    ("mehrnews.com", "Mehr News"),
    ("irna.ir", "IRNA"),
    ("xinhuanet.com", "Xinhua"),
    ("news.cn", "Xinhua"),
    ("ft.com", "Financial Times"),
    ("nytimes.com", "The New York Times"),
    ("washingtonpost.com", "The Washington Post"),
    ("wsj.com", "The Wall Street Journal"),
    ("theguardian.com", "The Guardian"),
    ("cnn.com", "CNN"),
    ("nbcnews.com", "NBC News"),
    ("cbsnews.com", "CBS News"),
    ("foxnews.com", "Fox News"),
    ("thehill.com", "The Hill"),
    ("politico.com", "Politico"),
    ("bloomberg.com", "Bloomberg"),
    ("economist.com", "The Economist"),
    ("dw.com", "Deutsche Welle"),
    ("france24.com", "France 24"),
    ("lemonde.fr", "Le Monde"),
    ("alarabiya.net", "Al Arabiya"),
    ("thenationalnews.com", "The National"),
    ("middleeasteye.net", "Middle East Eye"),
    ("al-monitor.com", "Al-Monitor"),
    ("timesofisrael.com", "The Times of Israel"),
    ("centcom.mil", "CENTCOM"),
    ("defense.gov", "US Department of Defense"),
    ("state.gov", "US Department of State"),
    ("kremlin.ru", "Kremlin"),
    ("mil.ru", "Russian Ministry of Defence"),
    ("mid.ru", "Russian Ministry of Foreign Affairs"),
    ("un.org", "United Nations"),
    ("reliefweb.int", "ReliefWeb"),
    ("acleddata.com", "ACLED"),
    ("understandingwar.org", "Institute for the Study of War"),
    ("x.com", "X"),
    ("twitter.com", "X"),
    ("t.me", "Telegram"),
    ("youtube.com", "YouTube"),
    ("youtu.be", "YouTube"),
    ("facebook.com", "Facebook"),
];

/// Second-level labels under a country code that are not a registrant's name (`bbc.co.uk`).
const GENERIC_SECOND_LEVEL: &[&str] = &["co", "com", "org", "net", "gov", "ac", "edu", "mil"];

/// The outlet a link belongs to: a known outlet's name (`https://www.reuters.com/world/…` →
/// "Reuters"), else the registrable domain (`https://www.dawn.com/news/1` → "dawn.com").
/// `None` when `url` is not an http(s) link with a host.
///
/// ```
/// use deploymap::model::outlet_from_url;
///
/// assert_eq!(outlet_from_url("https://www.reuters.com/world/x").as_deref(), Some("Reuters"));
/// assert_eq!(outlet_from_url("https://en.mehrnews.com/news/1").as_deref(), Some("Mehr News"));
/// assert_eq!(outlet_from_url("https://news.bbc.co.uk/a").as_deref(), Some("BBC"));
/// assert_eq!(outlet_from_url("http://www.dawn.com/news/1").as_deref(), Some("dawn.com"));
/// assert_eq!(outlet_from_url("not a link"), None);
/// ```
pub fn outlet_from_url(url: &str) -> Option<String> {
    let host = host_of(url)?;
    let known = KNOWN_OUTLETS.iter().find(|(domain, _)| {
        host == *domain
            || host
                .strip_suffix(domain)
                .is_some_and(|prefix| prefix.ends_with('.'))
    });
    if let Some((_, name)) = known {
        return Some((*name).to_string());
    }
    Some(registrable_domain(&host).to_string())
}

/// The lower-case host of an http(s) link, without user, port or a trailing dot.
fn host_of(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = host_port
        .split(':')
        .next()?
        .trim_end_matches('.')
        .to_string();
    let valid = !host.is_empty()
        && host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    valid.then_some(host)
}

/// The part of `host` its owner registered: the last two labels, or three under a generic
/// second level of a country code (`bbc.co.uk`).
fn registrable_domain(host: &str) -> &str {
    let labels: Vec<&str> = host.split('.').collect();
    let keep = match labels.as_slice() {
        [.., second, top] if top.len() == 2 && GENERIC_SECOND_LEVEL.contains(second) => 3,
        _ => 2,
    };
    if labels.len() <= keep {
        return host;
    }
    let skip: usize = labels[..labels.len() - keep]
        .iter()
        .map(|label| label.len() + 1)
        .sum();
    &host[skip..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_outlets_are_named_and_others_give_their_domain() {
        let cases = [
            (
                "https://www.reuters.com/world/middle-east/x",
                Some("Reuters"),
            ),
            ("https://apnews.com/article/x", Some("AP")),
            (
                "https://www.shafaq.com/en/Middle-East/x",
                Some("Shafaq News"),
            ),
            ("https://www.aa.com.tr/en/x", Some("Anadolu Agency")),
            ("https://www.trtworld.com:443/article/x", Some("TRT World")),
            ("HTTPS://WWW.AlJazeera.com/news", Some("Al Jazeera")),
            ("https://user@tass.com/world/1", Some("TASS")),
            ("https://mymotherlode.com/news/1", Some("mymotherlode.com")),
            ("https://news.example.co.uk/a", Some("example.co.uk")),
            ("https://ca.news.yahoo.com/x", Some("yahoo.com")),
            // A domain that only ends like a known one is not it.
            ("https://notreuters.com/x", Some("notreuters.com")),
            ("ftp://reuters.com/x", None),
            ("https://localhost/x", None),
            ("", None),
        ];
        for (url, outlet) in cases {
            assert_eq!(outlet_from_url(url).as_deref(), outlet, "{url}");
        }
    }
}
