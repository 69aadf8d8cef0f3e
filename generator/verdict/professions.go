package verdict

import "github.com/anzen-dev/anzen/generator/profile"

// Professions is what the staff's licences mean for the documents: who
// writes records that must be confirmed by their author, and which laws
// put a duty of confidentiality on whom. Only the professions on the
// staff are named.
type Professions struct {
	// Recorders are the licensed professions on the staff that write
	// clinical records (医師, 看護師 …), in the order of profile.Jobs.
	Recorders []profile.Job
	// Secrecy lists the laws that bind the staff's professions to
	// confidentiality, in the order of secrecyLaws.
	Secrecy []Law
}

// Law is a statutory duty and the professions on the staff it binds.
type Law struct {
	Ja, En string
	Jobs   []profile.Job
	// Interpreted: the text names the profession only by interpretation
	// (刑法134条's 医師 read to include 歯科医師).
	Interpreted bool
}

// recorders are the professions that write clinical records.
var recorders = map[profile.Job]bool{
	"doctor": true, "dentist": true, "pharmacist": true, "nurse": true, "assistant_nurse": true,
	"dental_hygienist": true, "therapist": true, "physical_therapist": true, "occupational_therapist": true,
	"speech_therapist": true, "orthoptist": true, "radiographer": true, "lab_technician": true,
	"clinical_engineer": true, "public_health_nurse": true, "midwife": true, "dietitian": true,
}

// secrecyLaws are the confidentiality provisions of the professions'
// laws, as MHLW's table of them (医療関係資格に係る守秘義務の概要) lists
// them, with the Dental Hygienists Act renumbered since (第13条の6).
var secrecyLaws = []struct {
	ja, en      string
	jobs        []profile.Job
	interpreted []profile.Job
}{
	{"刑法第134条", "Penal Code (刑法) Article 134", []profile.Job{"doctor", "pharmacist", "midwife"}, []profile.Job{"dentist"}},
	{"保健師助産師看護師法第42条の2", "Act on Public Health Nurses, Midwives and Nurses (保健師助産師看護師法) Article 42-2", []profile.Job{"public_health_nurse", "nurse", "assistant_nurse"}, nil},
	{"歯科衛生士法第13条の6", "Dental Hygienists Act (歯科衛生士法) Article 13-6", []profile.Job{"dental_hygienist"}, nil},
	{"理学療法士及び作業療法士法第16条", "Physical Therapists and Occupational Therapists Act (理学療法士及び作業療法士法) Article 16", []profile.Job{"therapist", "physical_therapist", "occupational_therapist"}, nil},
	{"言語聴覚士法第44条", "Speech-Language-Hearing Therapists Act (言語聴覚士法) Article 44", []profile.Job{"speech_therapist"}, nil},
	{"視能訓練士法第19条", "Orthoptists Act (視能訓練士法) Article 19", []profile.Job{"orthoptist"}, nil},
	{"診療放射線技師法第29条", "Radiological Technologists Act (診療放射線技師法) Article 29", []profile.Job{"radiographer"}, nil},
	{"臨床検査技師等に関する法律第19条", "Act on Clinical Laboratory Technicians (臨床検査技師等に関する法律) Article 19", []profile.Job{"lab_technician"}, nil},
	{"臨床工学技士法第40条", "Clinical Engineers Act (臨床工学技士法) Article 40", []profile.Job{"clinical_engineer"}, nil},
	{"歯科技工士法第20条の2", "Dental Technicians Act (歯科技工士法) Article 20-2", []profile.Job{"dental_technician"}, nil},
}

func judgeProfessions(p *profile.Profile) Professions {
	on := map[profile.Job]bool{}
	for _, s := range p.Staff {
		on[s.Job] = true
	}
	var out Professions
	for _, t := range profile.Jobs {
		if j := profile.Job(t.Value); on[j] && recorders[j] {
			out.Recorders = append(out.Recorders, j)
		}
	}
	for _, l := range secrecyLaws {
		law := Law{Ja: l.ja, En: l.en}
		for _, j := range l.jobs {
			if on[j] {
				law.Jobs = append(law.Jobs, j)
			}
		}
		for _, j := range l.interpreted {
			if on[j] {
				law.Jobs = append(law.Jobs, j)
				law.Interpreted = true
			}
		}
		if len(law.Jobs) > 0 {
			out.Secrecy = append(out.Secrecy, law)
		}
	}
	return out
}

// JobsJa names the law's professions in Japanese, joined with ・.
func (l Law) JobsJa() string { return joinJobs(l.Jobs, profile.Job.Ja, "・") }

// JobsEn names them in English, joined with commas.
func (l Law) JobsEn() string { return joinJobs(l.Jobs, profile.Job.En, ", ") }

// RecordersJa names the recording professions in Japanese.
func (p Professions) RecordersJa() string { return joinJobs(p.Recorders, profile.Job.Ja, "・") }

// RecordersEn names them in English, lower case.
func (p Professions) RecordersEn() string {
	return joinJobs(p.Recorders, func(j profile.Job) string { return lower(j.En()) }, ", ")
}

func joinJobs(jobs []profile.Job, name func(profile.Job) string, sep string) string {
	s := ""
	for i, j := range jobs {
		if i > 0 {
			s += sep
		}
		s += name(j)
	}
	return s
}

func lower(s string) string {
	b := []byte(s)
	if len(b) > 0 && b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}
