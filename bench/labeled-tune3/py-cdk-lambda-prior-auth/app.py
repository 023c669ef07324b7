#!/usr/bin/env python3
import aws_cdk as cdk

from infra.prior_auth_stack import PriorAuthStack

app = cdk.App()
stage = app.node.try_get_context("stage") or "dev"
PriorAuthStack(
    app,
    f"PriorAuth-{stage}",
    stage=stage,
    env=cdk.Environment(account="000000000000", region="us-east-1"),
)
app.synth()
