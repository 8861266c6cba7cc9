"""The ceiling: a trivial FastAPI endpoint served the same way as diplomatic-kg."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/ping")
def ping() -> dict:
    return {"ok": True}
