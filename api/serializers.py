from rest_framework import serializers

from engagements.models import Corridor, Engagement


class CorridorSerializer(serializers.ModelSerializer):
    origin = serializers.CharField(source="origin.code")
    destination = serializers.CharField(source="destination.code")
    transit = serializers.SerializerMethodField()

    class Meta:
        model = Corridor
        fields = ["origin", "transit", "destination"]

    def get_transit(self, corridor: Corridor) -> list[str]:
        return [country.code for country in corridor.transit]


class EngagementSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    corridors = CorridorSerializer(many=True, read_only=True)

    class Meta:
        model = Engagement
        fields = [
            "id",
            "organisation",
            "title",
            "sector",
            "enterprises",
            "start_date",
            "end_date",
            "status",
            "corridors",
        ]
        read_only_fields = fields
