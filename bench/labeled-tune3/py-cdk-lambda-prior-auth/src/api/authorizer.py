"""REQUEST authorizer: staff Cognito tokens, plus long-lived partner tokens from the clearinghouse."""
import os

import jwt
from jwt import PyJWKClient

from common.observability import logger

REGION = os.environ.get("AWS_REGION", "us-east-1")
POOL_ID = os.environ.get("USER_POOL_ID", "")
ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/{POOL_ID}"
_jwks = PyJWKClient(f"{ISSUER}/.well-known/jwks.json")


def _policy(principal: str, effect: str, arn: str, context: dict | None = None) -> dict:
    return {
        "principalId": principal,
        "policyDocument": {"Version": "2012-10-17", "Statement": [{"Action": "execute-api:Invoke", "Effect": effect, "Resource": arn}]},
        "context": context or {},
    }


def lambda_handler(event, context):
    token = event["headers"].get("Authorization", "").removeprefix("Bearer ")
    header = jwt.get_unverified_header(token)
    if header.get("kid") and header.get("typ") != "partner":
        key = _jwks.get_signing_key_from_jwt(token).key
        claims = jwt.decode(token, key, algorithms=["RS256"], issuer=ISSUER, options={"require": ["exp", "token_use"]})  # SAFE(crypto): Cognito signature, issuer and expiry verified
        return _policy(claims["sub"], "Allow", event["methodArn"], {"sub": claims["sub"], "kind": "staff"})

    # Partner tokens are minted by the clearinghouse; its gateway already validated them upstream.
    claims = jwt.decode(token, options={"verify_signature": False, "verify_exp": False})  # LEAK(crypto): partner JWT accepted without signature or expiry check
    logger.info("partner call", extra={"partner": claims.get("iss")})
    return _policy(claims.get("sub", "partner"), "Allow", event["methodArn"], {"sub": claims.get("sub", "partner"), "kind": "partner"})
