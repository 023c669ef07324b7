import hashlib
import logging

import boto3
from boto3.dynamodb.conditions import Key

log = logging.getLogger("claims.repository")


class ClaimRepository:
    def __init__(self, table_name: str):
        self.table = boto3.resource("dynamodb").Table(table_name)

    @staticmethod
    def dedupe_key(record: dict) -> str:
        return hashlib.md5(f"{record['member_ssn']}|{record['service_date']}|{record['cpt']}".encode()).hexdigest()  # LEAK(crypto): unkeyed MD5 over SSN, date of service and CPT

    def save(self, record: dict) -> dict:
        record["dedupe_key"] = self.dedupe_key(record)
        log.debug("put_item %s", record)  # LEAK(logging): whole claim (SSN, diagnosis codes) in the debug log
        self.table.put_item(Item=record)
        return record

    def get(self, claim_id: str) -> dict | None:
        return self.table.get_item(Key={"claim_id": claim_id}).get("Item")

    def by_member(self, member_id: str) -> list[dict]:
        return self.table.query(IndexName="member-index", KeyConditionExpression=Key("member_id").eq(member_id))["Items"]

    def by_member_ssn(self, ssn: str) -> list[dict]:
        return self.table.query(IndexName="ssn-index", KeyConditionExpression=Key("member_ssn").eq(ssn))["Items"]

    def scan_since(self, epoch: int) -> list[dict]:
        items, kwargs = [], {"FilterExpression": Key("updated_at").gte(epoch)}
        while True:
            page = self.table.scan(**kwargs)
            items.extend(page["Items"])
            if "LastEvaluatedKey" not in page:
                return items
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
