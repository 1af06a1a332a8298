//! The report's charts: bars drawn by charts-rs as SVG, in the console's typeface.

use super::reports::Line;

/// The lines as a bar chart in SVG, each bar with its number and no value axis (counts have no
/// fractions to read off a scale). Hidden from screen readers: the table beside says the same.
pub fn bars(lines: &[Line], vertical: bool) -> String {
    if lines.is_empty() {
        return String::new();
    }
    // A horizontal chart draws its first line at the bottom: reversed, it reads as the table.
    let ordered: Vec<&Line> = if vertical {
        lines.iter().collect()
    } else {
        lines.iter().rev().collect()
    };
    #[allow(clippy::cast_precision_loss)]
    let values: Vec<f32> = ordered.iter().map(|l| l.count as f32).collect();
    let labels: Vec<String> = ordered.iter().map(|l| shorten(&l.label)).collect();
    let top = values.iter().copied().fold(1.0_f32, f32::max);
    let mut series = charts_rs::Series::new(String::new(), values);
    series.label_show = true;
    let mut base = if vertical {
        let mut c = charts_rs::BarChart::new(vec![series], labels);
        c.height = 240.0;
        c.y_axis_hidden = true;
        Chart::Vertical(c)
    } else {
        let mut c = charts_rs::HorizontalBarChart::new(vec![series], labels);
        #[allow(clippy::cast_precision_loss)]
        let height = 30.0 + 34.0 * lines.len() as f32;
        c.height = height;
        c.x_axis.hidden = true;
        c.series_label_position = Some(charts_rs::Position::Right);
        Chart::Horizontal(c)
    };
    let (chart_base, axes) = match &mut base {
        Chart::Vertical(c) => (&mut c.base, &mut c.y_axis_configs),
        Chart::Horizontal(c) => (&mut c.base, &mut c.y_axis_configs),
    };
    chart_base.width = 760.0;
    // Measured with the font the page draws them in (served with the console).
    chart_base.font_family = super::fonts::family().to_owned();
    chart_base.legend.show = Some(false);
    chart_base.series.colors = vec![charts_rs::Color::from("#000091")];
    if let Some(axis) = axes.first_mut() {
        // Above the longest bar, room for its number.
        axis.min = Some(0.0);
        axis.max = Some(top * 1.2);
    }
    match base {
        Chart::Vertical(c) => c.svg(),
        Chart::Horizontal(c) => c.svg(),
    }
    .unwrap_or_default()
}

/// The two shapes of chart the report draws.
enum Chart {
    Vertical(charts_rs::BarChart),
    Horizontal(charts_rs::HorizontalBarChart),
}

/// A label short enough for a chart's axis (the table gives it whole).
fn shorten(label: &str) -> String {
    const MAX: usize = 40;
    if label.chars().count() <= MAX {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}
