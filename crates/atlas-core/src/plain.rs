//! A saved web page's text, for the story reader: tags dropped, character references
//! decoded, scripts, styles and the document head left out, and blocks (paragraphs, list
//! items, headings, line breaks) kept as lines, without empty ones. The HTML is only ever read as characters
//! here; nothing in it is parsed by a browser, run or fetched.

/// What the story reader makes of a file: its text, and whether it was cut to the longest
/// story read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoryFile {
    pub text: String,
    pub truncated: bool,
}

/// The kinds of file the story reader opens, by extension.
pub const STORY_EXTENSIONS: &[&str] = &[".txt", ".text", ".md", ".markdown", ".html", ".htm"];

/// A story from a file the reader chose: plain text and Markdown as they are, HTML (by its
/// extension, or its first characters) turned into text; at most `max_chars` characters.
/// `Err` says, in a sentence, why a file is not read (a PDF, a picture).
pub fn story_file(name: &str, text: &str, max_chars: usize) -> Result<StoryFile, String> {
    let lower = name.to_lowercase();
    let short = crate::import::short(name);
    if !STORY_EXTENSIONS.iter().any(|e| lower.ends_with(e)) {
        return Err(format!(
            "“{short}” is not a text, Markdown or HTML file (.txt, .md, .html)."
        ));
    }
    if text.contains('\0') {
        return Err(format!("“{short}” holds binary data, not text."));
    }
    let head = text
        .trim_start()
        .get(..15)
        .unwrap_or_default()
        .to_lowercase();
    let html = lower.ends_with(".html")
        || lower.ends_with(".htm")
        || head.starts_with("<!doctype html")
        || head.starts_with("<html");
    let text = if html {
        html_to_text(text)
    } else {
        text.to_string()
    };
    let truncated = text.chars().nth(max_chars).is_some();
    let text = if truncated {
        text.chars().take(max_chars).collect()
    } else {
        text
    };
    Ok(StoryFile { text, truncated })
}

/// Elements whose content is not text a reader sees.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object",
];

/// Elements that start a new line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dt",
    "dd",
    "hr",
    "title",
];

/// The text of an HTML document or fragment.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    // The hidden element being skipped, until its end tag.
    let mut skipping: Option<String> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skipping.is_none() {
                push_text(&mut out, rest);
            }
            break;
        };
        if skipping.is_none() {
            push_text(&mut out, &rest[..lt]);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(gt) = tag_end(rest) else {
            // A lone "<" in text ("a < b"): it is text.
            if skipping.is_none() {
                out.push('<');
            }
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            // "<!DOCTYPE …>", "<?xml …>" or a stray "</>".
            continue;
        }
        if let Some(hidden) = &skipping {
            if closing && *hidden == name {
                skipping = None;
            }
            continue;
        }
        if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with('/') {
            skipping = Some(name);
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            out.push('\n');
        } else if matches!(name.as_str(), "td" | "th") {
            out.push(' ');
        }
    }
    tidy(&out)
}

/// Where the tag that starts `s` ("<…") ends, skipping '>' inside quoted attribute values;
/// `None` when `s` does not start a tag (the next character is not a letter, '/', '!' or '?').
fn tag_end(s: &str) -> Option<usize> {
    let next = s[1..].chars().next()?;
    if !(next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?')) {
        return None;
    }
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Text between tags, with its character references decoded.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// The character a reference at the start of `s` ("&amp;", "&#8217;", "&#x2019;") stands
/// for, and its length.
fn reference(s: &str) -> Option<(char, usize)> {
    let end = s[1..].find(';')? + 1;
    if end > 10 {
        return None;
    }
    let body = &s[1..end];
    let c = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
    } else if let Some(dec) = body.strip_prefix('#') {
        char::from_u32(dec.parse().ok()?)?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => ' ',
            "rsquo" => '\u{2019}',
            "lsquo" => '\u{2018}',
            "rdquo" => '\u{201d}',
            "ldquo" => '\u{201c}',
            "mdash" => '\u{2014}',
            "ndash" => '\u{2013}',
            "hellip" => '\u{2026}',
            "shy" => '\u{ad}',
            _ => return None,
        }
    };
    // A control character (NUL included) is nothing a reader sees.
    let c = if c.is_control() && c != '\n' { ' ' } else { c };
    Some((c, end + 1))
}

/// Spaces collapsed within each line, and empty lines dropped.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&words.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_file_is_read_by_its_kind() {
        let html = story_file("Article.HTML", "<p>APT31 &amp; APT27</p>", 100).unwrap();
        assert_eq!(html.text, "APT31 & APT27");
        // Markdown and text stay as written; a saved page named .txt is still a page.
        let md = story_file("notes.md", "# APT31\n*Zirconium* <b>", 100).unwrap();
        assert_eq!(md.text, "# APT31\n*Zirconium* <b>");
        let page = story_file("saved.txt", "  <!DOCTYPE html><p>Hi</p>", 100).unwrap();
        assert_eq!(page.text, "Hi");
        let long = story_file("long.txt", "ééééé", 3).unwrap();
        assert_eq!((long.text.as_str(), long.truncated), ("ééé", true));
        assert!(!story_file("a.txt", "abc", 3).unwrap().truncated);
        let pdf = story_file("report.pdf", "%PDF", 100).unwrap_err();
        assert!(
            pdf.contains("report.pdf") && pdf.contains("not a text"),
            "{pdf}"
        );
        assert!(story_file("x.txt", "a\0b", 100)
            .unwrap_err()
            .contains("binary"));
    }

    #[test]
    fn tags_go_and_blocks_become_lines() {
        let html = "<!DOCTYPE html><html><head><title>Ignored head</title><style>p{color:red}</style></head>\
            <body><h1>Belgium names <em>APT31</em></h1><p>The FPS&nbsp;Interior was hit.<br>Also by APT27.</p>\
            <ul><li>Zirconium</li><li>Judgment Panda</li></ul></body></html>";
        assert_eq!(
            html_to_text(html),
            "Belgium names APT31\nThe FPS Interior was hit.\nAlso by APT27.\nZirconium\nJudgment Panda"
        );
    }

    #[test]
    fn scripts_comments_and_attributes_are_never_text() {
        let html = r#"<p title="a > b">Before</p><script>document.write("<p>APT99</p>")</script>
            <!-- APT98 in a comment --><img src="x" onerror="alert('APT97')"><noscript>APT96</noscript><p>After</p>"#;
        let text = html_to_text(html);
        assert_eq!(text, "Before\nAfter");
        for hidden in ["APT99", "APT98", "APT97", "APT96", "alert"] {
            assert!(!text.contains(hidden), "{hidden} leaked into {text:?}");
        }
    }

    #[test]
    fn references_are_decoded_once_and_odd_text_is_kept() {
        assert_eq!(
            html_to_text("Lazarus&#8217;s &amp;lt;tools&gt; &#x2014; a < b &unknown; &#0; &"),
            "Lazarus\u{2019}s &lt;tools> \u{2014} a < b &unknown; &"
        );
        assert_eq!(html_to_text("<td>APT</td><td>31</td>"), "APT 31");
        // A tag never closed and a hidden element never ended end the text; nothing panics.
        assert_eq!(html_to_text("text <p class=\"open"), "text <p class=\"open");
        assert_eq!(html_to_text("shown<script>never closed"), "shown");
        assert_eq!(html_to_text(""), "");
    }
}
