from django.urls import path

from cms.transparency import opendata

app_name = "opendata"
urlpatterns = [
    path("", opendata.index, name="index"),
    path("iati/activities.xml", opendata.iati, name="iati"),
    path("<slug:name>.<str:fmt>", opendata.download, name="download"),
]
