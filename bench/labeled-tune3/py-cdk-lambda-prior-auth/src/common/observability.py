from aws_lambda_powertools import Logger, Metrics, Tracer

logger = Logger(service="prior-auth")
tracer = Tracer(service="prior-auth")
metrics = Metrics(namespace="SunMed/PriorAuth", service="prior-auth")
