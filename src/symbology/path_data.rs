//! A small reader of SVG path data (`M`, `L`, `H`, `V`, `C`, `Z`, absolute and relative), so
//! that frame and icon outlines can be written in the notation the standards' drawings use.
//! Curves are flattened into polylines; the symbol space is 200 × 200 units.

use egui::Pos2;

/// One connected run of points in symbol units.
#[derive(Clone, Debug, PartialEq)]
pub struct SubPath {
    /// The points, curves already flattened.
    pub points: Vec<Pos2>,
    /// Whether the run ends with `Z`.
    pub closed: bool,
}

/// How many straight pieces replace one cubic curve.
const CURVE_STEPS: usize = 12;

/// Reads path data. Unknown commands end the path where they stand: the paths are our own
/// constants, so a mistake shows up in the reference test rather than at run time.
pub fn parse(data: &str) -> Vec<SubPath> {
    let tokens = tokenize(data);
    let mut paths: Vec<SubPath> = Vec::new();
    let mut current = SubPath {
        points: Vec::new(),
        closed: false,
    };
    let mut pen = Pos2::ZERO;
    let mut start = Pos2::ZERO;
    let mut command = 'M';
    let mut i = 0;
    let number = |i: &mut usize| -> Option<f32> {
        match tokens.get(*i) {
            Some(Token::Number(n)) => {
                *i += 1;
                Some(*n)
            }
            _ => None,
        }
    };
    while i < tokens.len() {
        if let Token::Command(c) = tokens[i] {
            command = c;
            i += 1;
            if c == 'Z' || c == 'z' {
                current.closed = true;
                pen = start;
                finish(&mut paths, &mut current);
                continue;
            }
        }
        let relative = command.is_ascii_lowercase();
        let base = if relative { pen } else { Pos2::ZERO };
        match command.to_ascii_uppercase() {
            'M' => {
                let (Some(x), Some(y)) = (number(&mut i), number(&mut i)) else {
                    break;
                };
                finish(&mut paths, &mut current);
                pen = Pos2::new(base.x + x, base.y + y);
                start = pen;
                current.points.push(pen);
                // Further pairs after a move are lines.
                command = if relative { 'l' } else { 'L' };
            }
            'L' => {
                let (Some(x), Some(y)) = (number(&mut i), number(&mut i)) else {
                    break;
                };
                pen = Pos2::new(base.x + x, base.y + y);
                current.points.push(pen);
            }
            'H' => {
                let Some(x) = number(&mut i) else { break };
                pen = Pos2::new(base.x + x, pen.y);
                current.points.push(pen);
            }
            'V' => {
                let Some(y) = number(&mut i) else { break };
                pen = Pos2::new(pen.x, base.y + y);
                current.points.push(pen);
            }
            'C' => {
                let mut values = [0.0_f32; 6];
                for value in &mut values {
                    let Some(v) = number(&mut i) else {
                        return finish_all(paths, current);
                    };
                    *value = v;
                }
                let c1 = Pos2::new(base.x + values[0], base.y + values[1]);
                let c2 = Pos2::new(base.x + values[2], base.y + values[3]);
                let end = Pos2::new(base.x + values[4], base.y + values[5]);
                for step in 1..=CURVE_STEPS {
                    let t = step as f32 / CURVE_STEPS as f32;
                    let u = 1.0 - t;
                    let p = pen.to_vec2() * (u * u * u)
                        + c1.to_vec2() * (3.0 * u * u * t)
                        + c2.to_vec2() * (3.0 * u * t * t)
                        + end.to_vec2() * (t * t * t);
                    current.points.push(p.to_pos2());
                }
                pen = end;
            }
            _ => break,
        }
    }
    finish_all(paths, current)
}

fn finish(paths: &mut Vec<SubPath>, current: &mut SubPath) {
    if current.points.len() > 1 {
        paths.push(std::mem::replace(
            current,
            SubPath {
                points: Vec::new(),
                closed: false,
            },
        ));
    } else {
        current.points.clear();
        current.closed = false;
    }
}

fn finish_all(mut paths: Vec<SubPath>, mut current: SubPath) -> Vec<SubPath> {
    finish(&mut paths, &mut current);
    paths
}

#[derive(Clone, Copy, Debug)]
enum Token {
    Command(char),
    Number(f32),
}

fn tokenize(data: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let bytes = data.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i] as char;
        if c.is_ascii_alphabetic() && c != 'e' && c != 'E' {
            tokens.push(Token::Command(c));
            i += 1;
        } else if c.is_ascii_digit() || c == '-' || c == '.' || c == '+' {
            let begin = i;
            i += 1;
            let mut seen_dot = c == '.';
            while i < bytes.len() {
                let d = bytes[i] as char;
                if d.is_ascii_digit() {
                    i += 1;
                } else if d == '.' && !seen_dot {
                    seen_dot = true;
                    i += 1;
                } else {
                    break;
                }
            }
            if let Ok(value) = data[begin..i].parse::<f32>() {
                tokens.push(Token::Number(value));
            }
        } else {
            i += 1;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_and_absolute_commands_give_the_same_points() {
        let absolute = parse("M25,50 L175,50 175,150 25,150 Z");
        let relative = parse("M25,50 l150,0 0,100 -150,0 z");
        assert_eq!(absolute, relative);
        assert!(absolute[0].closed);
        assert_eq!(absolute[0].points.len(), 4);
    }

    #[test]
    fn horizontal_vertical_and_curves_end_where_they_should() {
        let paths = parse("M 60,118 V 83 h 80 v 35 M 100,83 V 110");
        assert_eq!(paths.len(), 2);
        assert_eq!(paths[0].points[3], Pos2::new(140.0, 118.0));
        let curve = parse("M0,0 C0,10 10,10 10,0");
        let last = curve[0].points.last().copied();
        assert_eq!(last, Some(Pos2::new(10.0, 0.0)));
        assert_eq!(curve[0].points.len(), CURVE_STEPS + 1);
        // A number run like "-20-4.5" splits at the sign.
        let split = parse("m 0,0 -20-4.5");
        assert_eq!(split[0].points[1], Pos2::new(-20.0, -4.5));
    }
}
