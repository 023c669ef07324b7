pub mod export_discharges;
