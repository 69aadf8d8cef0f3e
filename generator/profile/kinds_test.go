package profile

import (
	"strings"
	"testing"
)

// TestAuthority checks that each clinic type names the authority that
// supervises it: a home-visit nursing station answers to its 指定権者
// (運営指導・監査), not to the 保健所's 立入検査.
func TestAuthority(t *testing.T) {
	for _, tt := range []struct {
		t                     ClinicType
		authority, inspection string
	}{
		{TypeClinic, "保健所", "保健所の立入検査"},
		{TypeDental, "保健所", "保健所の立入検査"},
		{TypePharmacy, "保健所", "薬事監視"},
		{TypeHomeNursing, "指定権者", "運営指導・監査"},
	} {
		if !strings.Contains(tt.t.Authority(), tt.authority) || !strings.Contains(tt.t.Inspection(), tt.inspection) {
			t.Errorf("%s: authority %q, inspection %q", tt.t, tt.t.Authority(), tt.t.Inspection())
		}
		if tt.t == TypeHomeNursing && (strings.Contains(tt.t.Inspection(), "保健所") || strings.Contains(tt.t.InspectionEn(), "public health")) {
			t.Errorf("%s: inspected by the 保健所: %q / %q", tt.t, tt.t.Inspection(), tt.t.InspectionEn())
		}
	}
}

// TestBackupLocations checks that a place two systems share is named
// once, also inside a location that lists several places.
func TestBackupLocations(t *testing.T) {
	p := &Profile{Systems: []System{
		{Name: "a", MedicalInfo: Yes, Backup: Backup{Location: "院内NAS（スタッフルーム）、USB HDD（院長宅）"}},
		{Name: "b", MedicalInfo: Yes, Backup: Backup{Location: "院内NAS（スタッフルーム）"}},
		{Name: "c", MedicalInfo: No, Backup: Backup{Location: "事務所"}},
		{Name: "d", MedicalInfo: Yes, Backup: Backup{Location: "NAS (staff room, rack 2), USB HDD (home)"}},
	}}
	got := strings.Join(p.BackupLocations(), " | ")
	want := "院内NAS（スタッフルーム） | USB HDD（院長宅） | NAS (staff room, rack 2) | USB HDD (home)"
	if got != want {
		t.Errorf("BackupLocations = %q, want %q", got, want)
	}
}
