//! `sauro stats`: the VPCP counts per lead agency.

use crate::args::{FilterArgs, Format};
use crate::commands::list::{store_filter, views};
use crate::context::Ctx;
use crate::output::{print, print_json};
use crate::table::{Table, terminal_width};
use sauro_core::{AgencyStats, Counted, Status, agency_stats_of};
use sauro_report::table::{agency_count_headers, agency_counts};
use sauro_store::TaskFilter;
use std::process::ExitCode;

#[derive(serde::Serialize)]
struct StatsJson {
    #[serde(flatten)]
    stats: AgencyStats,
    name: Option<String>,
    /// overdue / assigned, percent.
    overdue_share: Option<f64>,
    /// done / (done + overdue), percent.
    completion_rate_of_due: Option<f64>,
    /// on time / (on time + late), percent.
    on_time_rate: Option<f64>,
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}%"))
}

/// The VPCP counts per lead agency of the tasks `filter` selects, the
/// agencies with the most overdue tasks first, as reports name them, and
/// their total. A co-led task is in the row of each of its leads; the total
/// counts each task once. With `--lead`, only the rows of the agencies asked
/// for (a co-led task found for one of them would add its other leads').
pub fn sorted_stats(
    ctx: &Ctx,
    filter: &TaskFilter,
) -> anyhow::Result<(Vec<AgencyStats>, AgencyStats)> {
    let views = views(ctx, filter)?;
    let mut stats = agency_stats_of(
        views.iter().map(|v| Counted {
            leads: v.task.leads().map(|l| l.as_str()).collect(),
            status: v.status(),
            key: v.task.key,
        }),
        &ctx.registry,
    );
    if !filter.leads.is_empty() {
        stats.retain(|s| {
            s.agency
                .as_deref()
                .is_some_and(|a| filter.leads.iter().any(|l| ctx.registry.counted_as(l) == a))
        });
    }
    stats.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then(b.assigned.cmp(&a.assigned))
            .then(a.agency.cmp(&b.agency))
    });
    let mut total = AgencyStats::default();
    for v in &views {
        total.add(v.status());
        if v.task.key && v.status() != Status::Cancelled {
            total.key += 1;
        }
    }
    Ok((stats, total))
}

pub fn stats(ctx: &Ctx, f: &FilterArgs, format: Format) -> anyhow::Result<ExitCode> {
    let filter = store_filter(ctx, f)?;
    let (stats, total) = sorted_stats(ctx, &filter)?;
    if format == Format::Json {
        let out: Vec<StatsJson> = stats
            .into_iter()
            .map(|s| StatsJson {
                name: s
                    .agency
                    .as_ref()
                    .map(|a| ctx.registry.name_of(a).to_owned()),
                overdue_share: s.overdue_share(),
                completion_rate_of_due: s.completion_rate_of_due(),
                on_time_rate: s.on_time_rate(),
                stats: s,
            })
            .collect();
        print_json(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let t = ctx.lang.text();
    let mut headers = vec![t.col_agency];
    headers.extend(agency_count_headers(ctx.lang.core()));
    headers.extend([t.col_overdue_share, t.col_completion]);
    let mut table = Table::new(&headers).numeric(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    table.flex = 0;
    table.flex_min = 24;
    let row = |name: String, s: &AgencyStats| {
        let mut cells = vec![name];
        cells.extend(agency_counts(s).map(|n| n.to_string()));
        cells.extend([
            percent(s.overdue_share()),
            percent(s.completion_rate_of_due()),
        ]);
        cells
    };
    for s in &stats {
        let name = match &s.agency {
            Some(a) => format!("{a} {}", ctx.registry.name_of(a)),
            None => sauro_core::wording::no_lead(ctx.lang.core()).to_owned(),
        };
        table.push(row(name, s));
    }
    let total_label = match ctx.lang {
        crate::args::Lang::Vi => "Tổng cộng",
        crate::args::Lang::En => "Total",
    };
    table.push(row(total_label.to_owned(), &total));
    let mut out = format!("{} {}\n\n", t.as_of, sauro_core::format_date(ctx.as_of));
    out.push_str(&table.render(terminal_width()));
    out.push('\n');
    out.push_str(t.rates_legend);
    out.push('\n');
    out.push_str(t.co_lead_legend);
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}
