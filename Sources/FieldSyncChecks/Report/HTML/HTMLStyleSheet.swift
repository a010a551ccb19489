/// The HTML report's style sheet, inline in the page: system fonts only, no images, colours that
/// survive printing.
enum HTMLStyleSheet {
    static let css = """
        :root {
          --critical: #c62828; --critical-bg: #fdecea; --critical-dark: #7f1010;
          --warning: #ef8f00; --warning-bg: #fff3dc; --warning-dark: #7a4a00;
          --info: #1e63c4; --info-bg: #e6efff; --info-dark: #0d3a7a;
          --ok: #2e7d32; --ok-bg: #e7f5e8;
          --ink: #1d232a; --muted: #66707a; --line: #d9dee3; --paper: #ffffff; --panel: #f6f7f9;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0 auto; max-width: 1500px; padding: 18px 24px 48px; color: var(--ink); background: var(--paper);
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Roboto, Helvetica, Arial, sans-serif; }
        code, .mono, .permalink, .tech-id { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
        h3 { font-size: 16px; margin: 18px 0 8px; }
        h4 { font-size: 15px; margin: 16px 0 6px; color: #333; }
        .sub { font-size: 13px; font-weight: normal; color: var(--muted); margin-left: 6px; }
        .muted { color: var(--muted); }
        .nowrap { white-space: nowrap; }
        a { color: inherit; }
        .when { margin: 0; color: #404a54; }
        .stale { color: var(--critical-dark); background: var(--critical-bg); padding: 0 4px; border-radius: 3px; }
        nav.toc { margin: 6px 0 0; font-size: 13px; }
        nav.toc a { margin-right: 14px; color: var(--info-dark); }

        .summary { margin: 14px 0 0; }
        .tiles { display: flex; gap: 12px; flex-wrap: wrap; }
        .tile { display: flex; flex-direction: column; justify-content: center; min-width: 150px; padding: 10px 18px 12px;
          border-radius: 8px; text-decoration: none; color: #fff; border: 2px solid transparent; }
        .tile .n { font-size: 40px; font-weight: 700; line-height: 1.05; }
        .tile .caption { font-size: 14px; font-weight: 600; }
        .tile.sev-critical { background: var(--critical); }
        .tile.sev-warning { background: var(--warning); color: #2b1a00; }
        .tile.sev-info { background: var(--info); }
        .tile.zero { background: var(--panel); color: #8a939c; border-color: var(--line); }
        .tile.new { background: #fff; color: var(--ink); border-color: #6a1b9a; }
        .tile.new .n { color: #6a1b9a; }
        .tile.resolved { background: var(--ok-bg); color: var(--ok); border-color: #a5d6a7; }
        .kinds { list-style: none; margin: 12px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
        .kind-chip { display: inline-block; padding: 3px 10px 3px 4px; border-radius: 14px; text-decoration: none; font-weight: 600;
          border: 1px solid var(--line); background: var(--panel); }
        .kind-chip .n { display: inline-block; min-width: 22px; padding: 0 6px; margin-right: 4px; border-radius: 11px; text-align: center;
          color: #fff; }
        .kind-chip.sev-critical .n { background: var(--critical); }
        .kind-chip.sev-warning .n { background: var(--warning); color: #2b1a00; }
        .kind-chip.sev-info .n { background: var(--info); }
        .all-clear { display: flex; align-items: center; gap: 16px; padding: 16px 22px; border-radius: 8px; background: var(--ok-bg);
          border: 2px solid #a5d6a7; color: #1b5e20; font-size: 16px; margin-bottom: 12px; }
        .all-clear strong { font-size: 24px; }
        .check-mark { font-size: 40px; font-weight: 700; }

        /* Timeline */
        .tl { border: 1px solid var(--line); border-radius: 6px; overflow: clip; }
        .tl-head { display: grid; grid-template-columns: \(HTMLTimeline.nameColumn)px 1fr; background: var(--panel);
          border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 10; }
        .tl-name-h { padding: 6px 10px; font-weight: 600; color: var(--muted); align-self: end; }
        .tl-scale { position: relative; height: 40px; }
        .tl-day { position: absolute; top: 0; height: 22px; padding: 3px 6px; font-weight: 600; white-space: nowrap; overflow: hidden;
          border-left: 1px solid #b9c1c9; }
        .tl-day.weekend, .tl-day.quiet { color: var(--muted); }
        .tl-day.quiet { font-size: 12px; font-weight: normal; padding-top: 4px; }
        .day-count { display: inline-block; min-width: 18px; padding: 0 5px; border-radius: 9px; font-size: 11px; line-height: 16px;
          text-align: center; color: #fff; vertical-align: 1px; }
        .day-count.sev-critical { background: var(--critical); }
        .day-count.sev-warning { background: var(--warning); color: #2b1a00; }
        .day-count.sev-info { background: var(--info); }
        .tl-hour { position: absolute; top: 23px; font-size: 10px; color: var(--muted); transform: translateX(-50%); }
        .tl-body { position: relative; }
        .tl-grid { position: absolute; top: 0; bottom: 0; left: \(HTMLTimeline.nameColumn)px; right: 0; pointer-events: none; z-index: 2; }
        .tl-weekend { position: absolute; top: 0; bottom: 0; background: rgba(120, 130, 140, .07); }
        .tl-line { position: absolute; top: 0; bottom: 0; width: 0; border-left: 1px solid rgba(0, 0, 0, .045); }
        .tl-line.major { border-left-color: rgba(0, 0, 0, .11); }
        .tl-line.day { border-left: 1px solid #9aa4ad; }
        .tl-now { position: absolute; top: 0; bottom: 0; width: 0; border-left: 2px dashed #6a1b9a; }
        .tl-row { display: grid; grid-template-columns: \(HTMLTimeline.nameColumn)px 1fr; border-top: 1px solid var(--line); }
        .tl-row:first-of-type { border-top: 0; }
        .tl-row.flagged .tl-name { background: #fffaf8; }
        .tl-row.unassigned { background: #fbfbfc; border-bottom: 2px solid #b9c1c9; }
        .tl-row.unassigned .tech { font-style: italic; }
        .tl-row.unassigned .item { border-style: dashed; }
        .tl-name { display: flex; align-items: center; gap: 8px; padding: 3px 8px; border-right: 1px solid var(--line); min-width: 0; }
        .who { display: flex; flex-direction: column; min-width: 0; }
        .tech { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .tech-id { font-size: 10.5px; color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .marker { flex: none; display: inline-block; width: 22px; height: 22px; border-radius: 11px; color: #fff; font-size: 12px;
          font-weight: 700; line-height: 22px; text-align: center; }
        .marker.none { background: transparent; border: 2px solid #cfd6dc; width: 14px; height: 14px; margin: 4px; }
        .marker.sev-critical { background: var(--critical); }
        .marker.sev-warning { background: var(--warning); color: #2b1a00; }
        .marker.sev-info { background: var(--info); }
        .tl-track { position: relative; min-width: 0; }
        .band, .item { position: absolute; display: block; overflow: hidden; white-space: nowrap; text-overflow: ellipsis;
          text-decoration: none; }
        .band { top: 0; bottom: 0; z-index: 1; font-size: 10px; padding: 1px 3px; color: #546e7a; }
        .band.shift { background: #e3f1e4; font-size: 0; }
        .band.on-call { background: repeating-linear-gradient(90deg, #ece6f6 0 6px, #f6f2fb 6px 12px); font-size: 0; }
        .band.time-off { top: 1px; bottom: 1px; z-index: 2; background: repeating-linear-gradient(135deg, #a7b4bd 0 2px, #edf0f2 2px 7px);
          color: #37474f; font-weight: 600; border-left: 2px solid #78909c; }
        .band.flagged { box-shadow: inset 0 0 0 2px currentColor; }
        .band.time-off.flagged.sev-critical { color: var(--critical-dark); }
        .item { z-index: 3; min-width: 4px; font-size: 11px; line-height: 18px; padding: 1px 4px; border-radius: 3px;
          border: 1px solid #8fa1ad; background: #d4dde3; color: #22313b; }
        .item.busy { background: #8d969d; border-color: #6d767d; color: #fff; }
        .item.non-job-appointment { background: #5f686f; border-color: #3f474d; color: #fff; }
        .item.flagged { z-index: 4; font-weight: 700; line-height: 16px; padding: 1px 3px; }
        .item.flagged.sev-critical { background: var(--critical); border: 2px solid var(--critical-dark); color: #fff;
          box-shadow: 0 0 0 2px rgba(198, 40, 40, .28); }
        .item.flagged.sev-warning { background: #ffb938; border: 2px solid var(--warning-dark); color: #2b1a00; }
        .item.flagged.sev-info { background: #cfe0ff; border: 2px solid var(--info); color: var(--info-dark); }
        .item.busy.flagged, .item.non-job-appointment.flagged { background-image: repeating-linear-gradient(135deg, rgba(255,255,255,.25) 0 3px, transparent 3px 7px); }
        .item.instant { min-width: 6px; padding: 0; border-radius: 1px; }
        a.item:hover, a.item:focus { outline: 2px solid #111; outline-offset: 1px; z-index: 6; }
        .legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 10px 2px 0; font-size: 12px; color: #46525c; }
        .legend-entry { display: inline-flex; align-items: center; gap: 6px; }
        .swatch { position: static; display: inline-block; width: 26px; height: 14px; min-width: 0; padding: 0; }
        .swatch.now { width: 0; height: 16px; border-left: 2px dashed #6a1b9a; }

        /* Findings */
        .severity-group > h3 { display: flex; align-items: center; gap: 8px; }
        .finding { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 6px; padding: 10px 14px;
          margin: 0 0 10px; background: #fff; max-width: 1100px; }
        .finding.sev-critical { border-left-color: var(--critical); }
        .finding.sev-warning { border-left-color: var(--warning); }
        .finding.sev-info { border-left-color: var(--info); }
        .finding:target { outline: 3px solid #6a1b9a; outline-offset: 2px; }
        .finding-head { display: flex; align-items: center; flex-wrap: wrap; gap: 8px; }
        .kind { font-weight: 700; font-size: 15px; }
        .detail { font-size: 12px; color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 5px; }
        .permalink { margin-left: auto; font-size: 11px; color: #98a2ab; text-decoration: none; }
        .badge { display: inline-block; padding: 1px 7px; border-radius: 4px; font-size: 11px; font-weight: 700; letter-spacing: .04em;
          color: #fff; background: #78909c; }
        .badge.sev-critical { background: var(--critical); }
        .badge.sev-warning { background: var(--warning); color: #2b1a00; }
        .badge.sev-info { background: var(--info); }
        .badge.new { background: #6a1b9a; }
        .badge.resolved { background: var(--ok); }
        .message { margin: 6px 0 4px; font-size: 15px; }
        .advice { margin: 4px 0 6px; padding: 6px 10px; background: var(--panel); border-radius: 4px; }
        .facts { display: flex; flex-wrap: wrap; gap: 2px 22px; margin: 4px 0; font-size: 12.5px; }
        .facts div { display: flex; gap: 6px; }
        .facts dt { color: var(--muted); }
        .facts dd { margin: 0; }
        .records { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 12.5px; }
        .records code { background: #eef1f4; border: 1px solid #dde3e8; border-radius: 3px; padding: 1px 6px; }
        .rid { user-select: all; font-weight: 700; }
        .via { color: var(--muted); font-size: 11px; margin-left: 6px; }

        /* Resolved */
        .resolved table { border-collapse: collapse; width: 100%; max-width: 1100px; font-size: 13px; }
        .resolved th, .resolved td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        .resolved th { color: var(--muted); font-weight: 600; }
        footer { margin-top: 36px; font-size: 12px; color: var(--muted); }

        @media print {
          @page { size: landscape; margin: 10mm; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { max-width: none; padding: 0; font-size: 11px; }
          .tl-head { position: static; }
          .finding, .tl-row, tr { break-inside: avoid; }
          .permalink, nav.toc { display: none; }
          a { text-decoration: none; }
        }
        """
}
