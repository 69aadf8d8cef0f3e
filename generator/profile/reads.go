package profile

// methodReads names, for each method of Profile that fragments call, the
// fields it reads (paths from the profile). A preview that assembles a
// clinic again after an edit runs again only the fragments whose inputs
// changed (fragment.Inputs); a fragment calling HolderOf depends on the
// roles and the staff, not on the clinic's phone number. A method not
// listed reads the profile whole. TestMethodReads works the table out from
// the methods' source and fails when it is not the same.
var methodReads = map[string][]string{
	"Approver":         {"Policy.Approver", "Staff"},
	"BackupLocations":  {"Systems"},
	"Brand":            {"Policy.PreparedBy", "Vendors"},
	"ContactsOf":       {"Contacts"},
	"DeputyOf":         {"Roles", "Staff"},
	"HasKind":          {"Systems"},
	"HasRevision":      {"Policy.History"},
	"HolderOf":         {"Roles", "Staff"},
	"HostedAs":         {"Systems"},
	"Manager":          {"Clinic.Manager", "Staff"},
	"MedicalSystems":   {"Systems"},
	"OffsiteData":      {"Systems"},
	"OffsiteOriginals": {"Systems"},
	"OriginalSystems":  {"Systems"},
	"Party":            {"Staff", "Vendors"},
	"RemoteSystems":    {"Systems"},
	"Role":             {"Roles"},
	"RolesOf":          {"Roles"},
	"StaffByID":        {"Staff"},
	"SystemByID":       {"Systems"},
	"SystemsOf":        {"Systems"},
	"SystemsOfKind":    {"Systems"},
	"UsesESignature":   {"Systems"},
	"VendorByID":       {"Vendors"},
	"VendorsByRenewal": {"Vendors"},
}

// ReadsOf names the fields a method reads, for fragment.Inputs; false for
// a method that reads the profile whole (or is not one of its methods).
func (p *Profile) ReadsOf(method string) ([]string, bool) {
	if method == "Ja" && p.jaOf == nil {
		// No text replaced by its English (a Japanese profile): Ja
		// returns its argument and reads nothing of p.
		return nil, true
	}
	r, ok := methodReads[method]
	return r, ok
}
