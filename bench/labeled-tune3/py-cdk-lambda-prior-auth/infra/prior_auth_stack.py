from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sqs as sqs
from constructs import Construct


class PriorAuthStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, stage: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        phi_key = kms.Key(self, "PhiKey", alias="alias/prior-auth-phi", enable_key_rotation=True)

        requests_table = dynamodb.Table(
            self,
            "Requests",
            partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING),
            sort_key=dynamodb.Attribute(name="sk", type=dynamodb.AttributeType.STRING),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            encryption=dynamodb.TableEncryption.CUSTOMER_MANAGED,
            encryption_key=phi_key,
            point_in_time_recovery=True,
            removal_policy=RemovalPolicy.RETAIN,
        )

        attachments = s3.Bucket(
            self, "ClinicalAttachments",
            encryption=s3.BucketEncryption.KMS,  # SAFE(storage): attachments bucket encrypted with the PHI KMS key
            encryption_key=phi_key,
            enforce_ssl=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            versioned=True,
        )

        determinations = sqs.Queue(
            self, "Determinations",
            encryption=sqs.QueueEncryption.UNENCRYPTED,  # LEAK(storage): queue carrying payer determinations (member, CPT, diagnosis) explicitly unencrypted
            visibility_timeout=Duration.seconds(120),
            retention_period=Duration.days(14),
        )

        clinician_alerts = sns.Topic(self, "ClinicianAlerts", display_name="Prior auth status changes")  # LEAK(storage): topic receives patient name and decision with no master key (SNS is unencrypted by default)

        user_pool = cognito.UserPool(self, "StaffPool", self_sign_up_enabled=False, mfa=cognito.Mfa.REQUIRED)
        user_pool.add_client(
            "PortalClient",
            access_token_validity=Duration.hours(24),  # LEAK(session): staff access tokens live 24 hours
            auth_flows=cognito.AuthFlow(user_srp=True),
            id_token_validity=Duration.minutes(15),  # SAFE(session): ID token limited to 15 minutes
            refresh_token_validity=Duration.minutes(60),
            enable_token_revocation=True,
        )

        common_env = {
            "TABLE_NAME": requests_table.table_name,
            "ATTACHMENT_BUCKET": attachments.bucket_name,
            "DETERMINATION_QUEUE_URL": determinations.queue_url,
            "ALERT_TOPIC_ARN": clinician_alerts.topic_arn,
            "PHI_KEY_ARN": phi_key.key_arn,
            "POWERTOOLS_SERVICE_NAME": "prior-auth",
            "POWERTOOLS_LOGGER_LOG_EVENT": "false",
            "PAYER_GATEWAY_URL": "https://gateway.availity-partner.example-payer.net/pas/r4",
            "FAX_GATEWAY_URL": "http://fax-relay.sunmed-pa.net:8080/v1/send",  # LEAK(transmission): clinical packets faxed through a cleartext http relay
            "LINK_SIGNING_KEY": "sunmed-pa-link-signing-2024",  # LEAK(crypto): HMAC signing key hard-coded in the Lambda environment
            "STAGE": stage,
        }

        code = lambda_.Code.from_asset("src")
        api_fn = lambda_.Function(
            self,
            "ApiFn",
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler="api.handler.lambda_handler",
            code=code,
            timeout=Duration.seconds(29),
            memory_size=512,
            tracing=lambda_.Tracing.ACTIVE,
            environment=common_env,
        )
        authorizer_fn = lambda_.Function(
            self,
            "AuthorizerFn",
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler="api.authorizer.lambda_handler",
            code=code,
            environment={"USER_POOL_ID": user_pool.user_pool_id, "STAGE": stage},
        )
        poller_fn = lambda_.Function(
            self,
            "StatusPollerFn",
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler="workers.status_poller.lambda_handler",
            code=code,
            timeout=Duration.minutes(5),
            environment=common_env,
        )
        consumer_fn = lambda_.Function(
            self,
            "DeterminationConsumerFn",
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler="workers.determination_consumer.lambda_handler",
            code=code,
            environment=common_env,
        )
        consumer_fn.add_event_source(sources.SqsEventSource(determinations, batch_size=10, report_batch_item_failures=True))
        events.Rule(self, "PollEvery15", schedule=events.Schedule.rate(Duration.minutes(15))).add_target(
            targets.LambdaFunction(poller_fn)
        )

        for fn in (api_fn, poller_fn, consumer_fn):
            requests_table.grant_read_write_data(fn)
            attachments.grant_read_write(fn)
            phi_key.grant_encrypt_decrypt(fn)
            clinician_alerts.grant_publish(fn)
        determinations.grant_send_messages(poller_fn)

        api = apigw.LambdaRestApi(
            self,
            "PriorAuthApi",
            handler=api_fn,
            proxy=True,
            default_method_options=apigw.MethodOptions(
                authorization_type=apigw.AuthorizationType.CUSTOM,
                authorizer=apigw.RequestAuthorizer(
                    self, "Authorizer", handler=authorizer_fn, identity_sources=[apigw.IdentitySource.header("Authorization")]
                ),
            ),
            deploy_options=apigw.StageOptions(
                data_trace_enabled=True,  # LEAK(logging): API Gateway writes full request and response bodies to CloudWatch
                stage_name=stage,
                logging_level=apigw.MethodLoggingLevel.INFO,
                metrics_enabled=True,
            ),
        )
        api.add_domain_name(
            "PartnerDomain",
            security_policy=apigw.SecurityPolicy.TLS_1_0,  # LEAK(transmission): partner domain still accepts TLS 1.0
            domain_name="pa-partners.sunmed-health.net",
            certificate=acm.Certificate.from_certificate_arn(self, "PartnerCert", "arn:aws:acm:us-east-1:000000000000:certificate/partner"),
        )
        api.add_domain_name(
            "PortalDomain",
            security_policy=apigw.SecurityPolicy.TLS_1_2,  # SAFE(transmission): TLS 1.2 minimum
            domain_name="pa.sunmed-health.net",
            certificate=acm.Certificate.from_certificate_arn(self, "PortalCert", "arn:aws:acm:us-east-1:000000000000:certificate/portal"),
        )
