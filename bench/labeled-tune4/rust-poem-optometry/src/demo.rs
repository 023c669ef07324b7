//! Showroom mode for the frame-styling kiosk: renders a sample Rx card when no chart is open.

pub struct DemoWearer {
    pub chart_no: &'static str,
    pub name: &'static str,
    pub dob: &'static str,
    pub od: &'static str,
    pub os: &'static str,
}

pub const DEMO_WEARER: DemoWearer = DemoWearer { chart_no: "CV-0071842", name: "Testy McPatient", dob: "1966-08-21", od: "-2.25 -0.75 x 180", os: "-2.50 -0.50 x 170" }; // LEAK(hardcoded): chart number, name, DOB and Rx of a realistic wearer in production code

pub const PRACTICE_NPI: &str = "1000000004"; // SAFE(hardcoded): practice NPI, provider identifier
