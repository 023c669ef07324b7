use std::pin::Pin;

use serde_json::json;
use tokio_stream::Stream;
use tonic::{Request, Response, Status};

use crate::{
    auth::Claims,
    lab::LabClient,
    outreach::Outreach,
    pb::{self, counselling_server::Counselling},
    seal::Sealer,
    store::{CaseDoc, RelativeDoc, Store, VariantDoc},
};

pub struct CounsellingSvc {
    pub store: Store,
    pub sealer: Sealer,
    pub lab: LabClient,
    pub outreach: Outreach,
    pub scratch_dir: String,
}

fn internal<E: std::fmt::Display>(e: E) -> Status {
    tracing::error!(error = %e, "internal error");
    Status::internal("internal error") // SAFE(exposure): generic status, detail stays in the server log
}

fn to_pb(c: &CaseDoc) -> pb::Case {
    pb::Case {
        case_id: c.case_id.clone(),
        mrn: c.mrn.clone(),
        first_name: c.first_name.clone(),
        last_name: c.last_name.clone(),
        dob: c.dob.clone(),
        email: c.email.clone(),
        indication: c.indication.clone(),
        relatives: c.relatives.iter().map(|r| pb::Relative { relation: r.relation.clone(), condition: r.condition.clone(), age_at_dx: r.age_at_dx, deceased: r.deceased }).collect(),
        variants: c.variants.iter().map(|v| pb::VariantReport { case_id: c.case_id.clone(), gene: v.gene.clone(), hgvs_c: v.hgvs_c.clone(), hgvs_p: v.hgvs_p.clone(), classification: v.classification.clone(), lab_report_id: v.lab_report_id.clone() }).collect(),
    }
}

#[tonic::async_trait]
impl Counselling for CounsellingSvc {
    #[tracing::instrument(skip_all, fields(case_id = %request.get_ref().case_id))] // SAFE(logging): span carries only the case surrogate id
    async fn get_case(&self, request: Request<pb::CaseRequest>) -> Result<Response<pb::Case>, Status> {
        let case = self.store.case(&request.get_ref().case_id).await.map_err(internal)?.ok_or_else(|| Status::not_found("case"))?;
        if let Some(claims) = request.extensions().get::<Claims>() {
            sentry::configure_scope(|scope| {
                scope.set_user(Some(sentry::User { id: Some(claims.sub.clone()), email: Some(case.email.clone()), ..Default::default() })); // LEAK(logging): patient email set as the Sentry user
            });
        }
        Ok(Response::new(to_pb(&case)))
    }

    #[tracing::instrument(skip(self))] // LEAK(logging): span records the request Debug (relatives' conditions, ancestry)
    async fn upsert_family_history(&self, request: Request<pb::FamilyHistory>) -> Result<Response<pb::Ack>, Status> {
        let fh = request.into_inner();
        let relatives: Vec<RelativeDoc> = fh.relatives.iter().map(|r| RelativeDoc { relation: r.relation.clone(), condition: r.condition.clone(), age_at_dx: r.age_at_dx, deceased: r.deceased }).collect();
        self.store.set_relatives(&fh.case_id, &relatives).await.map_err(internal)?;
        Ok(Response::new(pb::Ack { ok: true }))
    }

    async fn order_test(&self, request: Request<pb::TestOrder>) -> Result<Response<pb::OrderAck>, Status> {
        let order = request.into_inner();
        let case = self.store.case(&order.case_id).await.map_err(internal)?.ok_or_else(|| Status::not_found("case"))?;
        if case.consent_sealed.is_none() {
            return Err(Status::failed_precondition(format!("no signed consent on file for {} {} (MRN {})", case.first_name, case.last_name, case.mrn))); // LEAK(exposure): name and MRN in the gRPC status message
        }
        let barcode = self.sealer.requisition_barcode(&case.mrn, &case.dob);
        let order_id = self
            .lab
            .submit(json!({ "panel": order.panel_code, "specimen": order.specimen, "barcode": barcode, "patient": { "name": format!("{}, {}", case.last_name, case.first_name), "dob": case.dob, "indication": case.indication } }))
            .await
            .map_err(internal)?;
        Ok(Response::new(pb::OrderAck { order_id, requisition_barcode: barcode }))
    }

    async fn attach_variant_report(&self, request: Request<pb::VariantReport>) -> Result<Response<pb::Ack>, Status> { // LEAK(audit): lab result push writes variants but is missing from AUDITED
        let v = request.into_inner();
        tracing::info!("variant report for case {}: {} {} {} -> {}", v.case_id, v.gene, v.hgvs_c, v.hgvs_p, v.classification); // LEAK(logging): gene variant and classification tied to the case in the log
        let doc = VariantDoc { gene: v.gene, hgvs_c: v.hgvs_c, hgvs_p: v.hgvs_p, classification: v.classification, lab_report_id: v.lab_report_id };
        self.store.push_variant(&v.case_id, &doc).await.map_err(internal)?;
        Ok(Response::new(pb::Ack { ok: true }))
    }

    async fn draft_letter(&self, request: Request<pb::CaseRequest>) -> Result<Response<pb::Letter>, Status> {
        let case = self.store.case(&request.get_ref().case_id).await.map_err(internal)?.ok_or_else(|| Status::not_found("case"))?;
        let body = self.outreach.draft_result_letter(&case).await.map_err(internal)?;
        tracing::debug!(case_id = %case.case_id, letter = %body, "result letter drafted"); // LEAK(logging): drafted result letter (name, variants) in the debug log
        Ok(Response::new(pb::Letter { body }))
    }

    type ExportCaseStream = Pin<Box<dyn Stream<Item = Result<pb::ExportChunk, Status>> + Send>>;

    async fn export_case(&self, request: Request<pb::CaseRequest>) -> Result<Response<Self::ExportCaseStream>, Status> { // LEAK(audit): full case export streams PHI without an AUDITED entry
        let case = self.store.case(&request.get_ref().case_id).await.map_err(internal)?.ok_or_else(|| Status::not_found("case"))?;
        let data = serde_json::to_vec_pretty(&case).map_err(internal)?;
        let path = format!("{}/{}-{}.json", self.scratch_dir, case.last_name, case.mrn);
        tokio::fs::write(&path, &data).await.map_err(internal)?; // LEAK(storage): case export staged as plaintext JSON on disk
        let chunks: Vec<Result<pb::ExportChunk, Status>> = data.chunks(64 * 1024).map(|c| Ok(pb::ExportChunk { data: c.to_vec() })).collect();
        Ok(Response::new(Box::pin(tokio_stream::iter(chunks))))
    }

    async fn list_counsellors(&self, _request: Request<pb::Empty>) -> Result<Response<pb::CounsellorList>, Status> { // SAFE(audit): staff directory only, no patient data
        Ok(Response::new(pb::CounsellorList {
            items: vec![pb::Counsellor { id: "gc-01".into(), name: "Dana Counsellor, MS, CGC".into(), npi: "1000000000".into() }],
        }))
    }
}
