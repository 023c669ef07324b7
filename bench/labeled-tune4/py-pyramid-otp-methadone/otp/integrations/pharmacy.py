"""Take-home bottles are compounded by the partner pharmacy; they pull a daily file."""
import ftplib
import io
import logging
import os

from otp.crypto import pharmacy_block
from otp.settings import load

log = logging.getLogger("otp.pharmacy")


def push_take_home(day: str, csv_bytes: bytes) -> str:
    host = load()["integrations"]["pharmacy_ftp_host"]
    name = f"takehome_{day}.dat"
    ftp = ftplib.FTP(host, user="harborlight", passwd=os.environ["PHARM_FTP_PASSWORD"])
    ftp.storbinary(f"STOR {name}", io.BytesIO(pharmacy_block(csv_bytes)))  # LEAK(transmission): plain FTP to the pharmacy
    ftp.quit()
    return name


def push_inventory(day: str, csv_bytes: bytes) -> str:
    host = load()["integrations"]["pharmacy_ftp_host"]
    name = f"inventory_{day}.csv"
    ftps = ftplib.FTP_TLS(host, user="harborlight", passwd=os.environ["PHARM_FTP_PASSWORD"])
    ftps.prot_p()
    ftps.storbinary(f"STOR {name}", io.BytesIO(csv_bytes))  # SAFE(transmission): FTPS with protected data channel, stock counts only
    ftps.quit()
    return name
