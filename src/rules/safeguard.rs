//! HIPAA safeguards: the taxonomy every rule is tied to.
//!
//! The order of [`Safeguard::ALL`] is the order of `taxa[]` in the SARIF `HIPAA` taxonomy, so a
//! taxon's index never changes once released (PHI_DOMAIN §1.2). Add new safeguards at the end.

/// A HIPAA safeguard (45 CFR Part 164) that a finding threatens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Safeguard {
    /// 164.312(a)(1)
    AccessControl,
    /// 164.312(a)(2)(i)
    UniqueUserIdentification,
    /// 164.312(a)(2)(iii)
    AutomaticLogoff,
    /// 164.312(a)(2)(iv)
    EncryptionAtRest,
    /// 164.312(b)
    AuditControls,
    /// 164.312(c)(1)
    Integrity,
    /// 164.312(c)(2)
    AuthenticateEphi,
    /// 164.312(d)
    EntityAuthentication,
    /// 164.312(e)(1)
    TransmissionSecurity,
    /// 164.312(e)(2)(i)
    TransmissionIntegrity,
    /// 164.312(e)(2)(ii)
    TransmissionEncryption,
    /// 164.308(a)(1)(ii)(D)
    ActivityReview,
    /// 164.502(b)
    MinimumNecessary,
    /// 164.502(e)
    BusinessAssociateDisclosure,
    /// 164.514(b)(2)
    SafeHarborIdentifier,
    /// 164.514(c)
    ReidentificationCode,
}

impl Safeguard {
    /// Every safeguard, in taxonomy order.
    pub const ALL: [Safeguard; 16] = [
        Safeguard::AccessControl,
        Safeguard::UniqueUserIdentification,
        Safeguard::AutomaticLogoff,
        Safeguard::EncryptionAtRest,
        Safeguard::AuditControls,
        Safeguard::Integrity,
        Safeguard::AuthenticateEphi,
        Safeguard::EntityAuthentication,
        Safeguard::TransmissionSecurity,
        Safeguard::TransmissionIntegrity,
        Safeguard::TransmissionEncryption,
        Safeguard::ActivityReview,
        Safeguard::MinimumNecessary,
        Safeguard::BusinessAssociateDisclosure,
        Safeguard::SafeHarborIdentifier,
        Safeguard::ReidentificationCode,
    ];

    /// Position in the SARIF taxonomy's `taxa[]`.
    pub fn index(self) -> usize {
        Safeguard::ALL
            .iter()
            .position(|s| *s == self)
            .expect("every safeguard is listed in Safeguard::ALL")
    }

    /// The section of 45 CFR Part 164, e.g. `164.312(b)`.
    pub fn citation(self) -> &'static str {
        self.info().0
    }

    /// The SARIF taxon id, e.g. `HIPAA.164.312.b`.
    pub fn taxon_id(self) -> &'static str {
        self.info().1
    }

    /// PascalCase taxon name.
    pub fn name(self) -> &'static str {
        self.info().2
    }

    /// One-line description of what the safeguard requires.
    pub fn description(self) -> &'static str {
        self.info().3
    }

    fn info(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            Safeguard::AccessControl => (
                "164.312(a)(1)",
                "HIPAA.164.312.a.1",
                "AccessControl",
                "Limit ePHI access to authorised persons and software",
            ),
            Safeguard::UniqueUserIdentification => (
                "164.312(a)(2)(i)",
                "HIPAA.164.312.a.2.i",
                "UniqueUserIdentification",
                "Each actor has a unique identifier that audit records carry",
            ),
            Safeguard::AutomaticLogoff => (
                "164.312(a)(2)(iii)",
                "HIPAA.164.312.a.2.iii",
                "AutomaticLogoff",
                "End sessions after a predetermined time of inactivity",
            ),
            Safeguard::EncryptionAtRest => (
                "164.312(a)(2)(iv)",
                "HIPAA.164.312.a.2.iv",
                "EncryptionAtRest",
                "Mechanism to encrypt and decrypt stored ePHI",
            ),
            Safeguard::AuditControls => (
                "164.312(b)",
                "HIPAA.164.312.b",
                "AuditControls",
                "Record and examine activity on systems holding ePHI",
            ),
            Safeguard::Integrity => (
                "164.312(c)(1)",
                "HIPAA.164.312.c.1",
                "Integrity",
                "Protect ePHI from improper alteration or destruction",
            ),
            Safeguard::AuthenticateEphi => (
                "164.312(c)(2)",
                "HIPAA.164.312.c.2",
                "AuthenticateEphi",
                "Detect unauthorised alteration of ePHI",
            ),
            Safeguard::EntityAuthentication => (
                "164.312(d)",
                "HIPAA.164.312.d",
                "EntityAuthentication",
                "Verify the identity of whoever accesses ePHI",
            ),
            Safeguard::TransmissionSecurity => (
                "164.312(e)(1)",
                "HIPAA.164.312.e.1",
                "TransmissionSecurity",
                "Guard ePHI transmitted over networks",
            ),
            Safeguard::TransmissionIntegrity => (
                "164.312(e)(2)(i)",
                "HIPAA.164.312.e.2.i",
                "TransmissionIntegrity",
                "Detect modification of ePHI in transit",
            ),
            Safeguard::TransmissionEncryption => (
                "164.312(e)(2)(ii)",
                "HIPAA.164.312.e.2.ii",
                "TransmissionEncryption",
                "Encrypt ePHI in transit",
            ),
            Safeguard::ActivityReview => (
                "164.308(a)(1)(ii)(D)",
                "HIPAA.164.308.a.1.ii.D",
                "ActivityReview",
                "Audit records must exist in a reviewable form",
            ),
            Safeguard::MinimumNecessary => (
                "164.502(b)",
                "HIPAA.164.502.b",
                "MinimumNecessary",
                "Use or disclose only the PHI needed",
            ),
            Safeguard::BusinessAssociateDisclosure => (
                "164.502(e)",
                "HIPAA.164.502.e",
                "BusinessAssociateDisclosure",
                "PHI sent to a vendor needs a BAA",
            ),
            Safeguard::SafeHarborIdentifier => (
                "164.514(b)(2)",
                "HIPAA.164.514.b.2",
                "SafeHarborIdentifier",
                "One of the 18 Safe Harbor identifiers is present",
            ),
            Safeguard::ReidentificationCode => (
                "164.514(c)",
                "HIPAA.164.514.c",
                "ReidentificationCode",
                "Pseudonym codes must not be derived from the individual's data",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taxon_ids_are_unique_and_dotted() {
        let mut seen = std::collections::HashSet::new();
        for s in Safeguard::ALL {
            assert!(
                seen.insert(s.taxon_id()),
                "duplicate taxon {}",
                s.taxon_id()
            );
            assert!(s.taxon_id().starts_with("HIPAA.164."));
            assert!(!s.taxon_id().contains('('));
            assert_eq!(Safeguard::ALL[s.index()], s);
        }
    }
}
