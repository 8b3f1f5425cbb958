"""Open data downloads (/open-data/): streamed, so memory does not grow with the number of rows."""

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from matching.opendata.datasets import DATASETS
from matching.opendata.iati import iati_chunks
from matching.opendata.streaming import csv_lines, json_chunks

FORMATS = {
    "csv": (csv_lines, "text/csv; charset=utf-8"),
    "json": (json_chunks, "application/json; charset=utf-8"),
}


def index(request):
    return render(request, "opendata/index.html", {"datasets": DATASETS.values()})


def download(request, name, fmt):
    dataset = DATASETS.get(name)
    if dataset is None or fmt not in FORMATS:
        raise Http404("没有这个数据集")
    writer, content_type = FORMATS[fmt]
    response = StreamingHttpResponse(writer(dataset.columns, dataset.rows()), content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="bangfu-{name}-{stamp}.{fmt}"'
    return response


def iati(request):
    response = StreamingHttpResponse(iati_chunks(), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="bangfu-iati-activities-{timezone.localdate()}.xml"'
    return response
